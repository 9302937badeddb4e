import type { ApiKeyStatus, Scope } from '../contract/index.js';

/** An API key the partner can list and revoke. Mutable: use and revocation change it. */
export interface ManagedKey {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  /** The first characters of the key; never the key. */
  readonly prefix: string;
  readonly scopes: readonly Scope[];
  /** Mock epoch ms. */
  readonly createdAt: number;
  readonly expiresAt: number | null;
  /** Made at start (personas, tenants): kept over a reset, with its revocation undone. */
  readonly seeded: boolean;
  lastUsedAt: number | null;
  revokedAt: number | null;
  graceEndsAt: number | null;
}

/** Where a key stands at mock instant `now`. */
export function keyStatus(key: ManagedKey, now: number): ApiKeyStatus {
  if (key.graceEndsAt === null) return 'active';
  return key.graceEndsAt > now ? 'revoking' : 'revoked';
}

/** Why a key is refused at `now` (with a message naming when), or null when it is accepted. */
export function keyRefusal(key: ManagedKey, now: number): { code: 'credential_revoked'; message: string } | null {
  if (key.graceEndsAt !== null && key.graceEndsAt <= now)
    return {
      code: 'credential_revoked',
      message: `The API key ${key.prefix}... was revoked and its grace period ended at ${iso(key.graceEndsAt)}. Do not retry with it: switch to its replacement key.`,
    };
  if (key.expiresAt !== null && key.expiresAt <= now)
    return {
      code: 'credential_revoked',
      message: `The API key ${key.prefix}... expired at ${iso(key.expiresAt)}. Do not retry with it: create a new key and switch to it.`,
    };
  return null;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** An optional timestamp field: absent when unset. */
const optional = (field: string, ms: number | null) => (ms === null ? {} : { [field]: iso(ms) });

/** The contract's `ApiKey` body: prefix only, never the key. */
export function apiKeyBody(key: ManagedKey, now: number) {
  return {
    id: key.id,
    partnerOrgId: key.orgId,
    name: key.name,
    prefix: key.prefix,
    scopes: [...key.scopes],
    status: keyStatus(key, now),
    createdAt: iso(key.createdAt),
    ...optional('lastUsedAt', key.lastUsedAt),
    ...optional('expiresAt', key.expiresAt),
    ...optional('revokedAt', key.revokedAt),
    ...optional('graceEndsAt', key.graceEndsAt),
  };
}

/**
 * Revokes `key` at `now` with a grace of `graceMs`. A key already revoked keeps its earlier end: a
 * second revocation may shorten the grace, never extend it (so a stolen key cannot be kept alive).
 */
export function revokeKey(key: ManagedKey, now: number, graceMs: number): void {
  const end = now + graceMs;
  if (key.revokedAt === null) key.revokedAt = now;
  key.graceEndsAt = key.graceEndsAt === null ? end : Math.min(key.graceEndsAt, end);
}
