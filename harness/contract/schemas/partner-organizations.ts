import { z } from 'zod';
import { Availability, CredentialShape, Environment, PartnerOrgId, RouteFamily, Scope, Timestamp } from './common.js';

export const ContractPin = z.object({
  hash: z.string().regex(/^[0-9a-f]{16}$/),
  version: z.string().min(1),
});

export const PartnerOrganization = z.object({
  id: PartnerOrgId,
  name: z.string().min(1),
  environment: Environment,
  status: z.enum(['onboarding', 'active', 'suspended']),
  contract: ContractPin,
  createdAt: Timestamp,
});
export type PartnerOrganization = z.infer<typeof PartnerOrganization>;

export const RouteFamilyCapability = z.object({
  family: RouteFamily,
  credentialShapes: z.array(CredentialShape),
  requiredScopes: z.array(Scope),
  availability: Availability,
});
export type RouteFamilyCapability = z.infer<typeof RouteFamilyCapability>;

export const Capabilities = z.object({
  partnerOrgId: PartnerOrgId,
  environment: Environment,
  routeFamilies: z.array(RouteFamilyCapability),
  credential: z.object({
    shape: CredentialShape,
    prefix: z
      .string()
      .min(1)
      .meta({ description: 'The first characters of the calling credential; never the secret.' }),
    grantedScopes: z.array(Scope),
  }),
});
export type Capabilities = z.infer<typeof Capabilities>;

export const PartnerOrgParams = z.object({ partnerOrgId: PartnerOrgId });
