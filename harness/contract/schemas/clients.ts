import { z } from 'zod';
import { ClientId, Scope, Timestamp } from './common.js';

export const ExternalRef = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/);

export const AuthorityStatus = z.enum(['pending', 'granted', 'revoked', 'expired']);
export type AuthorityStatus = z.infer<typeof AuthorityStatus>;

export const CreateClientRequest = z.object({
  externalRef: ExternalRef.meta({
    description: "The partner's own identifier for this client; unique per partner org.",
  }),
  name: z.string().min(1).max(200),
  country: z.string().regex(/^[A-Z]{2}$/),
  eoriNumber: z
    .string()
    .regex(/^[A-Z]{2}[A-Z0-9]{1,15}$/)
    .optional(),
});
export type CreateClientRequest = z.infer<typeof CreateClientRequest>;

export const Client = z.object({
  id: ClientId,
  externalRef: ExternalRef,
  name: z.string(),
  country: z.string(),
  eoriNumber: z.string().nullable(),
  authorityStatus: AuthorityStatus,
  createdAt: Timestamp,
});
export type Client = z.infer<typeof Client>;

export const ClientAuthority = z.object({
  clientId: ClientId,
  status: AuthorityStatus,
  scopes: z.array(Scope),
  requestedAt: Timestamp,
  grantedAt: Timestamp.nullable(),
  expiresAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  updatedAt: Timestamp,
});
export type ClientAuthority = z.infer<typeof ClientAuthority>;

export const ClientParams = z.object({ clientId: ClientId });
