import type { CreateApiKeyRequest, Scope } from '../contract/index.js';
import { apiKeyBody, revokeKey } from './api-keys.js';
import { type HandlerContext, type HandlerResult, notFound } from './handler-context.js';
import { ownOrg } from './handlers-partner.js';
import { ApiProblem, validationProblem } from './problem.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** POST .../api-keys: the full key, the only time it is shown. Scopes never exceed the caller's own. */
export function createApiKey(ctx: HandlerContext): HandlerResult {
  const org = ownOrg(ctx);
  const body = ctx.body as CreateApiKeyRequest;
  const held = ctx.credential?.scopes ?? new Set<Scope>();
  const beyond = body.scopes.filter((scope) => !held.has(scope));
  if (beyond.length > 0)
    throw validationProblem(
      beyond.map((scope) => ({
        field: 'scopes',
        reason: `the calling credential does not hold ${scope}: a key cannot grant more than the key that creates it`,
      })),
    );
  const now = ctx.engine.clock.now();
  const expiresAt = body.expiresInDays === undefined ? null : now + body.expiresInDays * DAY_MS;
  const created = ctx.engine.credentials.createKey(
    org.id,
    { name: body.name, scopes: [...new Set(body.scopes)], expiresAt },
    now,
  );
  if (created === null) throw new ApiProblem('api_key_limit_reached');
  return { status: 201, body: { ...apiKeyBody(created.managed, now), key: created.key } };
}

/** GET .../api-keys: newest first, prefixes only. */
export function listApiKeys(ctx: HandlerContext): HandlerResult {
  const org = ownOrg(ctx);
  const now = ctx.engine.clock.now();
  return { status: 200, body: { data: ctx.engine.credentials.keysOf(org.id).map((key) => apiKeyBody(key, now)) } };
}

/** POST .../api-keys/{apiKeyId}/revoke: the key keeps working for `graceSeconds` of mock time. */
export function revokeApiKey(ctx: HandlerContext): HandlerResult {
  const org = ownOrg(ctx);
  const id = ctx.params.apiKeyId ?? '';
  const key = ctx.engine.credentials.keysOf(org.id).find((candidate) => candidate.id === id);
  if (key === undefined) throw notFound('API key', id);
  const { graceSeconds } = ctx.body as { graceSeconds: number };
  const now = ctx.engine.clock.now();
  revokeKey(key, now, graceSeconds * 1000);
  // The grace ends on the mock clock; its end is checked on each request, so nothing is scheduled.
  return { status: 200, body: apiKeyBody(key, now) };
}
