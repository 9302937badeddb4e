import { PACT_PLACEHOLDERS } from './placeholders.js';

/** The real credentials of the provider under test; the pacts only carry placeholders. */
export interface ProviderCredentials {
  /** Full-scope API key (`DUTYCLAIMS_API_KEY`). */
  readonly apiKey: string;
  /** An API key of the same partner organization with read scopes only (`DUTYCLAIMS_READ_ONLY_API_KEY`). */
  readonly readOnlyApiKey?: string;
  /** Sandbox OAuth client credentials (`DUTYCLAIMS_OAUTH_CLIENT_ID` / `_SECRET`). */
  readonly oauthClient?: { readonly clientId: string; readonly clientSecret: string };
}

/** The request as pact-js's verification proxy hands it to a request filter (an express request). */
export interface FilteredRequest {
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

/** An express-style middleware, as pact-js's `requestFilter` option takes. */
export type PactRequestFilter = (req: FilteredRequest, res: unknown, next: (error?: unknown) => void) => void;

function substitutions(credentials: ProviderCredentials): Map<string, string> {
  const swaps = new Map<string, string>([[PACT_PLACEHOLDERS.apiKey, credentials.apiKey]]);
  if (credentials.readOnlyApiKey !== undefined) swaps.set(PACT_PLACEHOLDERS.readOnlyApiKey, credentials.readOnlyApiKey);
  if (credentials.oauthClient !== undefined) {
    swaps.set(PACT_PLACEHOLDERS.oauthClientId, credentials.oauthClient.clientId);
    swaps.set(PACT_PLACEHOLDERS.oauthClientSecret, credentials.oauthClient.clientSecret);
  }
  return swaps;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Buffer.isBuffer(value) && !Array.isArray(value);

/**
 * Swaps the pacts' placeholder credentials for the provider's real ones on the way to the provider:
 * the `Authorization` header and the OAuth form fields. The unknown-credential placeholder passes
 * unchanged, so the provider can answer 401 to it. Nothing is logged.
 */
export function createCredentialRequestFilter(credentials: ProviderCredentials): PactRequestFilter {
  const swaps = substitutions(credentials);
  return (req, _res, next) => {
    const authorization = req.headers.authorization;
    if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
      const real = swaps.get(authorization.slice('Bearer '.length));
      if (real !== undefined) req.headers.authorization = `Bearer ${real}`;
    }
    // The proxy parsed the body; it would forward a parsed form as JSON. Re-encode it as it came,
    // with the credentials swapped, and fix its length.
    const contentType = String(req.headers['content-type'] ?? '');
    if (isPlainObject(req.body) && contentType.startsWith('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(req.body)) {
        const text = String(value);
        form.append(key, swaps.get(text) ?? text);
      }
      const bytes = Buffer.from(form.toString());
      req.body = bytes;
      req.headers['content-length'] = String(bytes.length);
    }
    next();
  };
}
