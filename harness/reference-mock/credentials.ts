import { MAX_API_KEYS_PER_ORG } from '../contract/header-rules.js';
import type { CredentialShape, ErrorCode, Scope } from '../contract/index.js';
import { keyRefusal, type ManagedKey } from './api-keys.js';
import { CREDENTIAL_PREFIX_LENGTH } from './credential-prefix.js';
import { derivedBase32, newId, randomBase32 } from './ids.js';
import type { MockEnvironment } from './options.js';
import { ALL_SCOPES, type Personas, READ_SCOPES } from './personas.js';

/** A credential the mock accepts. */
export interface CredentialRecord {
  /** Rate-limit bucket; never the secret itself. */
  readonly bucket: string;
  readonly orgId: string;
  readonly shape: CredentialShape;
  readonly scopes: ReadonlySet<Scope>;
  readonly prefix: string;
  /** Mock epoch ms; null for API keys (theirs is on `key`). */
  readonly expiresAt: number | null;
  /** The listing and revocation state of an API key; null for OAuth access tokens. */
  readonly key: ManagedKey | null;
}

/** The outcome of reading `Authorization: Bearer ...`. */
export interface CredentialResolution {
  readonly record: CredentialRecord | null;
  readonly error: ErrorCode | null;
  readonly prefix: string | null;
  /** Overrides the catalog message of `error` (a revoked key says when its grace ended). */
  readonly message?: string;
}

/** When the seeded partner organizations and their keys were made (mock epoch ms). */
const PERSONA_KEYS_CREATED_AT = Date.parse('2026-01-01T00:00:00.000Z');
/** Keys (revoked ones included) an org's listing keeps before the oldest revoked ones are forgotten. */
const RETAINED_KEYS_PER_ORG = 3 * MAX_API_KEYS_PER_ORG;

const MISSING: CredentialResolution = { record: null, error: 'credential_missing', prefix: null };
const ACCESS_TOKEN_TTL_SECONDS = 3600;

/** Known API keys and issued OAuth access tokens of one mock. */
export interface CredentialRegistry {
  resolve(authorization: string | undefined, now: number): CredentialResolution;
  /** Checks an OAuth client; returns its org id or null. */
  authenticateClient(clientId: string, clientSecret: string): string | null;
  issueAccessToken(orgId: string, scopes: readonly Scope[], now: number): { token: string; expiresIn: number };
  /** The scopes the OAuth client may hold. */
  readonly clientScopes: readonly Scope[];
  /** Forget issued access tokens (reset). */
  clearTokens(): void;
  /** Adds a full and a read-only API key for `orgId` (a tenant made through the control plane). */
  addOrgKeys(
    orgId: string,
    keys: { readonly apiKey: string; readonly readOnlyApiKey: string },
    createdAt: number,
  ): void;
  /** Forgets every API key of `orgId` (a tenant that was retired). */
  removeOrgKeys(orgId: string): void;
  /** A new API key of `orgId`; null when the org already holds MAX_API_KEYS_PER_ORG keys not revoked. */
  createKey(
    orgId: string,
    input: { readonly name: string; readonly scopes: readonly Scope[]; readonly expiresAt: number | null },
    now: number,
  ): { readonly key: string; readonly managed: ManagedKey } | null;
  /** The API keys of `orgId`, newest first. */
  keysOf(orgId: string): ManagedKey[];
  /** Forgets created keys and undoes revocations and last-use times of the seeded ones (reset). */
  resetKeys(): void;
}

const shapeOf = (token: string): CredentialShape | null =>
  token.startsWith('dc_test_')
    ? 'api_key_test'
    : token.startsWith('dc_live_')
      ? 'api_key_live'
      : token.startsWith('dc_oat_')
        ? 'oauth_client_credentials'
        : null;

/** Builds the registry from the seeded personas for a server of `environment`. */
export function createCredentialRegistry(
  personas: Personas,
  environment: MockEnvironment,
  maxAccessTokens = 10_000,
): CredentialRegistry {
  const known = new Map<string, CredentialRecord>();
  // Hot path: the exact header of a known API key resolves with one Map lookup.
  const byHeader = new Map<string, CredentialResolution>();
  let added = 0;
  const addKey = (
    key: string,
    orgId: string,
    scopes: readonly Scope[],
    shape: CredentialShape,
    meta: Pick<ManagedKey, 'id' | 'name' | 'createdAt' | 'expiresAt' | 'seeded'>,
  ): ManagedKey => {
    const prefix = key.slice(0, CREDENTIAL_PREFIX_LENGTH);
    const managed: ManagedKey = {
      ...meta,
      orgId,
      prefix,
      scopes: [...scopes],
      lastUsedAt: null,
      revokedAt: null,
      graceEndsAt: null,
    };
    const record: CredentialRecord = {
      bucket: `key:${prefix}:${added++}`,
      orgId,
      shape,
      scopes: new Set(scopes),
      prefix,
      expiresAt: null,
      key: managed,
    };
    known.set(key, record);
    if ((shape === 'api_key_test') === (environment === 'sandbox'))
      byHeader.set(`Bearer ${key}`, { record, error: null, prefix: record.prefix });
    return managed;
  };
  const seeded = (key: string, name: string, createdAt: number) => ({
    id: `key_${derivedBase32(personas.seed, `api-key-id:${key}`, 20)}`,
    name,
    createdAt,
    expiresAt: null,
    seeded: true,
  });
  const { sandbox, production } = personas;
  const personaKeys: [string, string, readonly Scope[], CredentialShape, string][] = [
    [sandbox.apiKey, sandbox.partnerOrgId, ALL_SCOPES, 'api_key_test', 'Full access'],
    [sandbox.readOnlyApiKey, sandbox.partnerOrgId, READ_SCOPES, 'api_key_test', 'Read only'],
    [production.apiKey, production.partnerOrgId, ALL_SCOPES, 'api_key_live', 'Full access'],
    [production.readOnlyApiKey, production.partnerOrgId, READ_SCOPES, 'api_key_live', 'Read only'],
  ];
  for (const [key, orgId, scopes, shape, name] of personaKeys)
    addKey(key, orgId, scopes, shape, seeded(key, name, PERSONA_KEYS_CREATED_AT));
  /** A key's own refusal (revoked, expired), else the resolution with its use recorded. */
  const accept = (resolution: CredentialResolution, now: number): CredentialResolution => {
    const managed = resolution.record?.key;
    if (managed === undefined || managed === null) return resolution;
    const refusal = keyRefusal(managed, now);
    if (refusal !== null)
      return { record: null, error: refusal.code, prefix: managed.prefix, message: refusal.message };
    managed.lastUsedAt = now;
    return resolution;
  };
  const keysOf = (orgId: string): ManagedKey[] => {
    const list: ManagedKey[] = [];
    for (const record of known.values()) if (record.key?.orgId === orgId) list.push(record.key);
    return list.reverse();
  };
  const forget = (predicate: (key: ManagedKey) => boolean) => {
    for (const [key, record] of known)
      if (record.key !== null && predicate(record.key)) {
        known.delete(key);
        byHeader.delete(`Bearer ${key}`);
      }
  };
  let tokens = new Map<string, CredentialRecord>();
  const ownShape: CredentialShape = environment === 'sandbox' ? 'api_key_test' : 'api_key_live';

  return {
    resolve(authorization, now) {
      const cached = authorization === undefined ? undefined : byHeader.get(authorization);
      if (cached !== undefined) return accept(cached, now);
      if (authorization === undefined || authorization.length < 8) return MISSING;
      const space = authorization.indexOf(' ');
      if (space < 0 || authorization.slice(0, space).toLowerCase() !== 'bearer') return MISSING;
      const token = authorization.slice(space + 1).trim();
      if (token === '') return MISSING;
      const prefix = token.slice(0, CREDENTIAL_PREFIX_LENGTH);
      const shape = shapeOf(token);
      if (shape === 'api_key_live' && environment === 'sandbox')
        return { record: null, error: 'credential_wrong_environment', prefix };
      if (shape === 'api_key_test' && environment === 'production')
        return { record: null, error: 'credential_wrong_environment', prefix };
      if (shape === 'oauth_client_credentials' && environment === 'production')
        return { record: null, error: 'credential_shape_not_accepted', prefix };
      const record = shape === 'oauth_client_credentials' ? tokens.get(token) : known.get(token);
      if (record === undefined) return { record: null, error: 'credential_invalid', prefix };
      if (record.expiresAt !== null && record.expiresAt <= now)
        return { record: null, error: 'credential_expired', prefix };
      return accept({ record, error: null, prefix }, now);
    },
    authenticateClient(clientId, clientSecret) {
      const client = sandbox.oauthClient;
      return environment === 'sandbox' && clientId === client.clientId && clientSecret === client.clientSecret
        ? sandbox.partnerOrgId
        : null;
    },
    issueAccessToken(orgId, scopes, now) {
      const token = `dc_oat_${randomBase32(40)}`;
      // Same lifetime for all, so insertion order is expiry order: expired and surplus tokens go first.
      for (const [old, record] of tokens) {
        if (tokens.size < maxAccessTokens && (record.expiresAt ?? 0) > now) break;
        tokens.delete(old);
      }
      tokens.set(token, {
        bucket: `token:${orgId}`,
        orgId,
        shape: 'oauth_client_credentials',
        scopes: new Set(scopes),
        prefix: token.slice(0, CREDENTIAL_PREFIX_LENGTH),
        expiresAt: now + ACCESS_TOKEN_TTL_SECONDS * 1000,
        key: null,
      });
      return { token, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
    },
    clientScopes: ALL_SCOPES,
    clearTokens() {
      tokens = new Map();
    },
    addOrgKeys(orgId, keys, createdAt) {
      addKey(keys.apiKey, orgId, ALL_SCOPES, ownShape, seeded(keys.apiKey, 'Full access', createdAt));
      addKey(keys.readOnlyApiKey, orgId, READ_SCOPES, ownShape, seeded(keys.readOnlyApiKey, 'Read only', createdAt));
    },
    removeOrgKeys(orgId) {
      forget((key) => key.orgId === orgId);
    },
    createKey(orgId, input, now) {
      const held = keysOf(orgId);
      if (held.filter((key) => key.revokedAt === null).length >= MAX_API_KEYS_PER_ORG) return null;
      // Keys revoked long ago are forgotten first, so an org that rotates often stays bounded.
      const over = held.length - RETAINED_KEYS_PER_ORG + 1;
      if (over > 0) {
        const gone = new Set(
          held.filter((key) => !key.seeded && key.graceEndsAt !== null && key.graceEndsAt <= now).slice(-over),
        );
        forget((key) => gone.has(key));
      }
      const key = `${environment === 'sandbox' ? 'dc_test_' : 'dc_live_'}${randomBase32(32)}`;
      const meta = { id: newId('key'), name: input.name, createdAt: now, expiresAt: input.expiresAt, seeded: false };
      return { key, managed: addKey(key, orgId, input.scopes, ownShape, meta) };
    },
    keysOf,
    resetKeys() {
      forget((key) => !key.seeded);
      for (const record of known.values())
        if (record.key !== null) {
          record.key.lastUsedAt = null;
          record.key.revokedAt = null;
          record.key.graceEndsAt = null;
        }
    },
  };
}
