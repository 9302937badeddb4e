import type { Environment } from '../contract/schemas/common.js';
import { ClientConfigurationError, CredentialEnvironmentError } from './errors.js';

/** OAuth2 client credentials (sandbox only): the client exchanges them for access tokens. */
export interface OAuthClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Space-separated scopes; the provider grants all the client may hold when omitted. */
  readonly scope?: string;
}

/**
 * How the client authenticates: an API key (`dc_test_...` / `dc_live_...`), a function that returns the
 * current API key (asked before every attempt, so a running integration can rotate keys), or OAuth2
 * client credentials.
 */
export type Credential =
  | { readonly apiKey: string }
  | { readonly apiKeyProvider: () => string | PromiseLike<string> }
  | { readonly oauth: OAuthClientCredentials };

/** How many leading characters of a secret may appear in metadata, logs and errors. */
export const CREDENTIAL_PREFIX_LENGTH = 12;

/** The first characters of a secret: enough to tell credentials apart, never enough to use one. */
export const credentialPrefix = (secret: string): string => secret.slice(0, CREDENTIAL_PREFIX_LENGTH);

/** The shape the contract calls a credential; `unknown` for an API key with neither prefix. */
export type CredentialKind = 'api_key_test' | 'api_key_live' | 'oauth_client_credentials' | 'unknown';

/** Classifies a credential by its shape alone. */
export function credentialKind(credential: Credential): CredentialKind {
  if ('oauth' in credential) return 'oauth_client_credentials';
  if ('apiKeyProvider' in credential) return 'unknown';
  if (credential.apiKey.startsWith('dc_test_')) return 'api_key_test';
  if (credential.apiKey.startsWith('dc_live_')) return 'api_key_live';
  return 'unknown';
}

// Header values: visible ASCII only, so a pasted newline or space cannot split or corrupt the header.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** Checks a credential's fields and returns a frozen copy; throws ClientConfigurationError. */
export function resolveCredential(credential: Credential | undefined): Credential | null {
  if (credential === undefined) return null;
  if ('apiKey' in credential) {
    if (typeof credential.apiKey !== 'string' || !HEADER_SAFE.test(credential.apiKey)) {
      throw new ClientConfigurationError(
        'credential.apiKey',
        'credential.apiKey must be a non-empty string of visible ASCII characters. Copy the whole key, without spaces or line breaks.',
      );
    }
    return Object.freeze({ apiKey: credential.apiKey });
  }
  if (typeof credential === 'object' && credential !== null && 'apiKeyProvider' in credential) {
    if (typeof credential.apiKeyProvider !== 'function')
      throw new ClientConfigurationError(
        'credential.apiKeyProvider',
        'credential.apiKeyProvider must be a function that returns the current API key (or a promise of it).',
      );
    return Object.freeze({ apiKeyProvider: credential.apiKeyProvider });
  }
  if (typeof credential === 'object' && credential !== null && 'oauth' in credential) {
    const { clientId, clientSecret, scope } = credential.oauth;
    for (const [field, value] of [
      ['clientId', clientId],
      ['clientSecret', clientSecret],
    ] as const) {
      if (typeof value !== 'string' || value.length === 0) {
        throw new ClientConfigurationError(
          `credential.oauth.${field}`,
          `credential.oauth.${field} must be a non-empty string.`,
        );
      }
    }
    const oauth = scope === undefined ? { clientId, clientSecret } : { clientId, clientSecret, scope };
    return Object.freeze({ oauth: Object.freeze(oauth) });
  }
  throw new ClientConfigurationError(
    'credential',
    'credential must be { apiKey }, { apiKeyProvider } or { oauth: { clientId, clientSecret } }.',
  );
}

const EXPECTED: Record<Environment, string> = {
  sandbox: 'a dc_test_ API key or OAuth client credentials',
  production: 'a dc_live_ API key',
};

/** Refuses a credential whose shape the environment does not accept, before any request is sent. */
export function assertCredentialEnvironment(credential: Credential | null, environment: Environment | undefined): void {
  // A provider's keys are checked as it returns them, before each is first sent.
  if (credential === null || environment === undefined || 'apiKeyProvider' in credential) return;
  const kind = credentialKind(credential);
  const accepted =
    environment === 'production'
      ? kind === 'api_key_live'
      : kind === 'api_key_test' || kind === 'oauth_client_credentials';
  if (accepted) return;
  const prefix =
    'apiKey' in credential ? credentialPrefix(credential.apiKey) : credentialPrefix(credential.oauth.clientId);
  const given = kind === 'oauth_client_credentials' ? 'OAuth client credentials' : `an API key starting ${prefix}`;
  throw new CredentialEnvironmentError(
    environment,
    prefix,
    `The ${environment} environment needs ${EXPECTED[environment]}, but the client was given ${given}. ` +
      `Use the credential issued for ${environment}, or set environment to the one this credential belongs to.`,
  );
}
