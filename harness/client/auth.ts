import type { TokenResponse } from '../contract/schemas/oauth.js';
import { credentialPrefix, type OAuthClientCredentials } from './credentials.js';
import type { CallDeadline } from './deadline.js';
import type { RequestHeaders } from './headers.js';
import { buildBaseHeaders } from './headers.js';
import type { CallResult } from './metadata.js';

/** The headers an attempt starts from (authorization included) and the credential prefix to report. */
export interface AuthState {
  readonly headers: RequestHeaders;
  readonly credentialPrefix: string | null;
}

/** Supplies the authorization of each attempt. */
export interface Authenticator {
  /** True when a fresh credential can be fetched after `credential_expired`. */
  readonly refreshable: boolean;
  /**
   * The authorization for the next attempt of the call whose deadline is `deadline`: synchronous when
   * nothing has to be fetched. A fetch rejects with the token call's own error, or with
   * `deadline.reason` when the deadline passes first.
   */
  current(deadline: CallDeadline): AuthState | Promise<AuthState>;
  /** Forgets `state` if it is still the cached one, so the next `current()` fetches a new credential. */
  invalidate(state: AuthState): void;
}

/** An authenticator whose headers never change: no credential, or an API key. */
export function staticAuthenticator(userAgent: string, apiKey: string | null): Authenticator {
  const state: AuthState = Object.freeze({
    headers: buildBaseHeaders(userAgent, apiKey === null ? null : `Bearer ${apiKey}`),
    credentialPrefix: apiKey === null ? null : credentialPrefix(apiKey),
  });
  return { refreshable: false, current: () => state, invalidate: () => {} };
}

/** Form fields of the client-credentials grant. */
export type TokenRequestFields = Readonly<Record<string, string>>;

/** How early a cached token is replaced: 10% of its lifetime, at most one minute. */
export const tokenRefreshMarginMs = (expiresInSeconds: number): number => Math.min(60_000, expiresInSeconds * 100);

/**
 * An authenticator for OAuth2 client credentials: fetches an access token, caches it until shortly
 * before it expires, and shares one in-flight fetch between concurrent calls. The fetch runs under the
 * deadline of the call that started it; a call that joins it stops waiting at its own deadline.
 */
export function oauthAuthenticator(input: {
  readonly userAgent: string;
  readonly credentials: OAuthClientCredentials;
  /** Runs the token request as its own logical call, bounded by `deadline` (the waiting call's). */
  readonly fetchToken: (fields: TokenRequestFields, deadline: CallDeadline) => Promise<CallResult<TokenResponse>>;
  readonly now?: () => number;
}): Authenticator {
  const now = input.now ?? Date.now;
  const { clientId, clientSecret, scope } = input.credentials;
  const fields: TokenRequestFields = Object.freeze({
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
    ...(scope === undefined ? {} : { scope }),
  });
  let cached: { state: AuthState; refreshAt: number } | null = null;
  let inFlight: Promise<AuthState> | null = null;

  const fetchState = async (deadline: CallDeadline): Promise<AuthState> => {
    const requestedAt = now();
    const { data } = await input.fetchToken(fields, deadline);
    const state: AuthState = Object.freeze({
      headers: buildBaseHeaders(input.userAgent, `Bearer ${data.access_token}`),
      credentialPrefix: credentialPrefix(data.access_token),
    });
    cached = { state, refreshAt: requestedAt + data.expires_in * 1000 - tokenRefreshMarginMs(data.expires_in) };
    return state;
  };

  return {
    refreshable: true,
    current(deadline) {
      if (cached !== null && now() < cached.refreshAt) return cached.state;
      // A call that started earlier may join a fetch bounded by a later deadline than its own.
      if (inFlight !== null) return deadline.race(inFlight);
      const fetched = fetchState(deadline).finally(() => {
        inFlight = null;
      });
      inFlight = fetched;
      return fetched;
    },
    invalidate(state) {
      if (cached?.state === state) cached = null;
    },
  };
}
