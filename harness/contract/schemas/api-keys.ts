import { z } from 'zod';
import {
  API_KEY_GRACE_DEFAULT_SECONDS,
  API_KEY_GRACE_MAX_SECONDS,
  API_KEY_LIFETIME_MAX_DAYS,
} from '../header-rules.js';
import { PartnerOrgId, prefixedId, Scope, Timestamp } from './common.js';

export const ApiKeyId = prefixedId('key');

/** `active`: accepted. `revoking`: revoked, still accepted until `graceEndsAt`. `revoked`: refused (401 credential_revoked). */
export const ApiKeyStatus = z.enum(['active', 'revoking', 'revoked']);
export type ApiKeyStatus = z.infer<typeof ApiKeyStatus>;

export const CreateApiKeyRequest = z.object({
  name: z.string().min(1).max(100),
  scopes: z.array(Scope).min(1).meta({
    description: 'Least privilege: only the scopes the integration needs, and only scopes the calling key holds.',
  }),
  expiresInDays: z.number().int().min(1).max(API_KEY_LIFETIME_MAX_DAYS).optional(),
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

/** An API key as listed: never the key itself, only its prefix. */
export const ApiKey = z.object({
  id: ApiKeyId,
  partnerOrgId: PartnerOrgId,
  name: z.string(),
  prefix: z
    .string()
    .meta({ description: 'The first 12 characters of the key, for telling keys apart; never the key.' }),
  scopes: z.array(Scope),
  status: ApiKeyStatus,
  createdAt: Timestamp,
  lastUsedAt: Timestamp.optional().meta({
    description: 'When the key last authenticated a request; absent until then.',
  }),
  expiresAt: Timestamp.optional().meta({ description: 'When the key stops working; absent for a key without expiry.' }),
  revokedAt: Timestamp.optional().meta({ description: 'When the key was revoked; absent while active.' }),
  graceEndsAt: Timestamp.optional().meta({
    description: 'Until when a revoked key is still accepted; absent while active.',
  }),
});
export type ApiKey = z.infer<typeof ApiKey>;

/** Returned only on creation: the one time the full key is shown. It cannot be recovered later. */
export const ApiKeyWithSecret = ApiKey.extend({
  key: z.string().regex(/^dc_(test|live)_[0-9a-z]{32}$/),
});
export type ApiKeyWithSecret = z.infer<typeof ApiKeyWithSecret>;

export const ApiKeyList = z.object({ data: z.array(ApiKey) });
export type ApiKeyList = z.infer<typeof ApiKeyList>;

export const RevokeApiKeyRequest = z.object({
  graceSeconds: z
    .number()
    .int()
    .min(0)
    .max(API_KEY_GRACE_MAX_SECONDS)
    .default(API_KEY_GRACE_DEFAULT_SECONDS)
    .meta({
      description: `How long the key keeps working after revocation, in seconds: ${API_KEY_GRACE_DEFAULT_SECONDS} by default, 0 to ${API_KEY_GRACE_MAX_SECONDS}. Revoking again never extends a grace.`,
    }),
});
export type RevokeApiKeyRequest = z.input<typeof RevokeApiKeyRequest>;

export const ApiKeyParams = z.object({ partnerOrgId: PartnerOrgId, apiKeyId: ApiKeyId });
