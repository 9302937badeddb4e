import type { IncomingMessage, ServerResponse } from 'node:http';
import canonicalize from 'canonicalize';
import { Headers, type RouteDefinition, type RouteName } from '../contract/index.js';
import type { Exchange, ExchangeFinisher } from './api-handler.js';
import { CREDENTIAL_PREFIX_LENGTH } from './credentials.js';
import type { HandlerContext } from './handler-context.js';
import { handlers } from './handlers.js';
import type { StoredResponse } from './idempotency-store.js';
import { ApiProblem } from './problem.js';
import { readRouteBody } from './request-checks.js';

export interface BodyExecution {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly ex: Exchange;
  readonly route: RouteDefinition;
  readonly name: RouteName;
  readonly ctx: HandlerContext;
  /** The validated Idempotency-Key, or null. */
  readonly key: string | null;
  readonly finisher: ExchangeFinisher;
  readonly maxBodyBytes: number;
}

const replayed = (value: boolean) => ({ [Headers.idempotentReplayed]: String(value) });

/**
 * Reads and validates the body, then runs the handler; with an Idempotency-Key, through the store:
 * the first request executes, concurrent and later ones with the same body replay, others conflict.
 */
export async function executeWithBody(run: BodyExecution): Promise<void> {
  const { req, res, ex, route, name, key, finisher } = run;
  const { body, json } = await readRouteBody(route, req, run.maxBodyBytes);
  if (route.auth === 'client_credentials') {
    const clientId = (body as Record<string, unknown> | undefined)?.client_id;
    if (typeof clientId === 'string') ex.credentialPrefix = clientId.slice(0, CREDENTIAL_PREFIX_LENGTH);
  }
  const ctx: HandlerContext = { ...run.ctx, body };
  const serialize = async (): Promise<StoredResponse> => {
    const result = await handlers[name](ctx);
    const body = finisher.writer.successBody(name, result.body, result.json);
    return { status: result.status, headers: { ...result.headers }, body };
  };
  const credential = ctx.credential;
  if (key === null || credential === null) {
    const response = await serialize();
    const extra = route.idempotencyKey === 'none' ? response.headers : { ...response.headers, ...replayed(false) };
    return finisher.success(res, ex, response.status, response.body, extra);
  }
  const fingerprint = `${ex.method} ${ex.path}\n${canonicalize(json) ?? ''}`;
  const decision = await ctx.engine.idempotency.begin(`${credential.orgId}\n${route.operationId}\n${key}`, fingerprint);
  if (decision.kind === 'conflict')
    throw new ApiProblem('idempotency_key_reused', {
      message: `Idempotency-Key "${key.slice(0, 64)}" was already used for a different ${route.operationId} request. Use a new key for a new logical write.`,
      details: [{ field: Headers.idempotencyKey, reason: 'reused with a different request body or path' }],
    });
  if (decision.kind === 'replay') {
    ex.replayed = true;
    const stored = decision.response;
    return finisher.success(res, ex, stored.status, stored.body, { ...stored.headers, ...replayed(true) });
  }
  let response: StoredResponse;
  try {
    response = await serialize();
  } catch (error) {
    decision.complete(null); // nothing was written: the key stays free for a corrected retry
    throw error;
  }
  decision.complete(response);
  finisher.success(res, ex, response.status, response.body, { ...response.headers, ...replayed(false) });
}
