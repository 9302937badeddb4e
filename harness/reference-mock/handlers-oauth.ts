import type { Scope } from '../contract/index.js';
import { TokenRequest } from '../contract/index.js';
import type { HandlerContext, HandlerResult } from './handler-context.js';
import { ApiProblem, issuesToDetails } from './problem.js';

/** Client id and secret from `Authorization: Basic`, when sent (RFC 6749 section 2.3.1). */
function basicCredentials(authorization: string | undefined): { client_id: string; client_secret: string } | null {
  if (!authorization?.toLowerCase().startsWith('basic ')) return null;
  const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return {
    client_id: decodeURIComponent(decoded.slice(0, colon)),
    client_secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

/** POST /oauth/token: client credentials (form or HTTP Basic) for a `dc_oat_` access token. */
export function createOAuthToken(ctx: HandlerContext): HandlerResult {
  let basic: ReturnType<typeof basicCredentials> = null;
  try {
    basic = basicCredentials(ctx.headers.authorization);
  } catch {
    basic = null;
  }
  const form = { ...(ctx.body as Record<string, string>), ...basic };
  const parsed = TokenRequest.safeParse(form);
  if (!parsed.success)
    throw new ApiProblem('invalid_grant_request', { details: issuesToDetails(parsed.error.issues, 'body') });
  const { engine } = ctx;
  const allowed = engine.credentials.clientScopes;
  const requested = parsed.data.scope?.split(' ').filter((s) => s !== '') ?? [...allowed];
  const unknown = requested.filter((scope) => !allowed.includes(scope as Scope));
  if (unknown.length > 0)
    throw new ApiProblem('invalid_grant_request', {
      message: `This client may not request ${unknown.join(', ')}. Request only scopes it holds, or omit scope.`,
      details: unknown.map((scope) => ({ field: 'scope', reason: `unknown or not allowed: ${scope}` })),
    });
  const orgId = engine.credentials.authenticateClient(parsed.data.client_id, parsed.data.client_secret);
  if (orgId === null) throw new ApiProblem('invalid_client');
  const scopes = [...new Set(requested)] as Scope[];
  const { token, expiresIn } = engine.credentials.issueAccessToken(orgId, scopes, engine.clock.now());
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store' },
    body: { access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: scopes.join(' ') },
  };
}
