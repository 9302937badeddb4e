import type { Environment } from '../contract/schemas/common.js';
import type { Authenticator, AuthState } from './auth.js';
import { assertCredentialEnvironment, credentialPrefix } from './credentials.js';
import type { CallDeadline } from './deadline.js';
import { ClientConfigurationError } from './errors.js';
import { buildBaseHeaders } from './headers.js';

/**
 * Returns the API key to send, asked before every attempt: a running integration switches keys
 * without a restart by returning the replacement (read from a secret store, a file, a variable).
 */
export type ApiKeyProvider = () => string | PromiseLike<string>;

const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * An authenticator that asks `provider` for the key of every attempt. Synchronous when the provider
 * is; the headers of the last key are kept, so an unchanged key costs one string comparison.
 * A provider that throws, or returns something that is not a key for `environment`, rejects the call.
 */
export function providerAuthenticator(
  userAgent: string,
  provider: ApiKeyProvider,
  environment: Environment | null,
): Authenticator {
  let last: { key: string; state: AuthState } | null = null;
  const toState = (key: unknown): AuthState => {
    if (typeof key !== 'string' || !HEADER_SAFE.test(key))
      throw new ClientConfigurationError(
        'credential.apiKeyProvider',
        'credential.apiKeyProvider must return a non-empty string of visible ASCII characters: the whole API key, without spaces or line breaks.',
      );
    if (last?.key === key) return last.state;
    assertCredentialEnvironment({ apiKey: key }, environment ?? undefined);
    const state: AuthState = Object.freeze({
      headers: buildBaseHeaders(userAgent, `Bearer ${key}`),
      credentialPrefix: credentialPrefix(key),
    });
    last = { key, state };
    return state;
  };
  return {
    refreshable: false,
    current(deadline: CallDeadline) {
      let given: string | PromiseLike<string>;
      try {
        given = provider();
        if (typeof given === 'string') return toState(given);
      } catch (error) {
        return Promise.reject(error);
      }
      return deadline.race(Promise.resolve(given)).then(toState);
    },
    invalidate: () => {},
  };
}
