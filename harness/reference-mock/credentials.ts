import type { CredentialShape, ErrorCode, Scope } from '../contract/index.js';
import { randomBase32 } from './ids.js';
import type { MockEnvironment } from './options.js';
import { ALL_SCOPES, type Personas, READ_SCOPES } from './personas.js';

/** How many characters of a credential may appear anywhere (journal, capabilities, messages). */
export const CREDENTIAL_PREFIX_LENGTH = 12;

/** A credential the mock accepts. */
export interface CredentialRecord {
  /** Rate-limit bucket; never the secret itself. */
  readonly bucket: string;
  readonly orgId: string;
  readonly shape: CredentialShape;
  readonly scopes: ReadonlySet<Scope>;
  readonly prefix: string;
  /** Mock epoch ms; null for API keys. */
  readonly expiresAt: number | null;
}

/** The outcome of reading `Authorization: Bearer ...`. */
export interface CredentialResolution {
  readonly record: CredentialRecord | null;
  readonly error: ErrorCode | null;
  readonly prefix: string | null;
}

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
  addOrgKeys(orgId: string, keys: { readonly apiKey: string; readonly readOnlyApiKey: string }): void;
  /** Forgets API keys (a tenant that was retired). */
  removeKeys(keys: readonly string[]): void;
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
  const addKey = (key: string, orgId: string, scopes: readonly Scope[], shape: CredentialShape) => {
    const record: CredentialRecord = {
      bucket: `key:${key.slice(0, CREDENTIAL_PREFIX_LENGTH)}:${known.size}`,
      orgId,
      shape,
      scopes: new Set(scopes),
      prefix: key.slice(0, CREDENTIAL_PREFIX_LENGTH),
      expiresAt: null,
    };
    known.set(key, record);
    if ((shape === 'api_key_test') === (environment === 'sandbox'))
      byHeader.set(`Bearer ${key}`, { record, error: null, prefix: record.prefix });
  };
  const { sandbox, production } = personas;
  addKey(sandbox.apiKey, sandbox.partnerOrgId, ALL_SCOPES, 'api_key_test');
  addKey(sandbox.readOnlyApiKey, sandbox.partnerOrgId, READ_SCOPES, 'api_key_test');
  addKey(production.apiKey, production.partnerOrgId, ALL_SCOPES, 'api_key_live');
  addKey(production.readOnlyApiKey, production.partnerOrgId, READ_SCOPES, 'api_key_live');
  let tokens = new Map<string, CredentialRecord>();
  const ownShape: CredentialShape = environment === 'sandbox' ? 'api_key_test' : 'api_key_live';

  return {
    resolve(authorization, now) {
      const cached = authorization === undefined ? undefined : byHeader.get(authorization);
      if (cached !== undefined) return cached;
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
      return { record, error: null, prefix };
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
      });
      return { token, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
    },
    clientScopes: ALL_SCOPES,
    clearTokens() {
      tokens = new Map();
    },
    addOrgKeys(orgId, keys) {
      addKey(keys.apiKey, orgId, ALL_SCOPES, ownShape);
      addKey(keys.readOnlyApiKey, orgId, READ_SCOPES, ownShape);
    },
    removeKeys(keys) {
      for (const key of keys) {
        known.delete(key);
        byHeader.delete(`Bearer ${key}`);
      }
    },
  };
}
