import { z } from 'zod';
import { SCOPES } from '../scopes.js';

/** An identifier with a fixed type prefix, e.g. `clm_` + 20 lowercase base32 characters. */
export const prefixedId = (prefix: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9a-z]{16,40}$`))
    .meta({ description: `Identifier with the \`${prefix}_\` prefix.`, examples: [`${prefix}_7k2m9q4x8p3v6w1z5n0b`] });

export const PartnerOrgId = prefixedId('porg');
export const ClientId = prefixedId('cli');
export const ClaimId = prefixedId('clm');
export const JobId = prefixedId('job');
export const WebhookEndpointId = prefixedId('we');
export const WebhookDeliveryId = prefixedId('whd');
export const EventId = prefixedId('evt');
export const RequestId = prefixedId('req');

export const Timestamp = z.iso.datetime().meta({ description: 'RFC 3339 UTC timestamp.' });

export const Environment = z.enum(['sandbox', 'production']);
export type Environment = z.infer<typeof Environment>;

/** The credential shapes a route family can accept. */
export const CredentialShape = z.enum(['api_key_test', 'api_key_live', 'oauth_client_credentials']);
export type CredentialShape = z.infer<typeof CredentialShape>;

export const RouteFamily = z.enum(['partner-organizations', 'clients', 'claims', 'webhooks', 'sandbox']);
export type RouteFamily = z.infer<typeof RouteFamily>;

export const Availability = z.enum(['ga', 'beta', 'provider_gated', 'manual_only', 'deprecated', 'not_available']);
export type Availability = z.infer<typeof Availability>;

export const Scope = z.enum(SCOPES);
export type Scope = z.infer<typeof Scope>;

/** Money as a decimal string (never a float) with an ISO 4217 currency. */
export const Money = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  value: z.string().regex(/^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$/),
});

export const Cursor = z.string().min(1).max(200);

/** A page of a cursor-paginated list. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    hasMore: z.boolean(),
    nextCursor: Cursor.nullable(),
  });
