import type { IncomingMessage, ServerResponse } from 'node:http';
import canonicalize from 'canonicalize';
import { Headers, type RouteDefinition, type RouteName } from '../contract/index.js';
import type { Exchange, ExchangeFinisher } from './api-handler.js';
import { CREDENTIAL_PREFIX_LENGTH } from './credential-prefix.js';
import type { HandlerContext } from './handler-context.js';
import { handlers } from './handlers.js';
import { clientGoneSignal } from './http-io.js';
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
  const { res, ex, route, key, finisher } = run;
  const credential = run.ctx.credential;
  if (key === null || credential === null) {
    const { body } = await readBody(run);
    const response = await execute(run, body);
    const extra = route.idempotencyKey === 'none' ? response.headers : { ...response.headers, ...replayed(false) };
    return finisher.success(res, ex, response.status, response.body, extra);
  }
  // Reserve the key before reading the body: a second request with it waits for this one to finish,
  // unless its own client leaves meanwhile (then it neither waits on nor takes the key).
  const gone = clientGoneSignal(res, 'The client closed the connection while its request waited for the key.');
  const slot = await run.ctx.engine.idempotency
    .reserve(`${credential.orgId}\n${route.operationId}\n${key}`, gone.signal)
    .finally(gone.dispose);
  let fingerprint = '';
  try {
    const { body, json } = await readBody(run);
    fingerprint = `${ex.method} ${ex.path}\n${canonicalize(json) ?? ''}`;
    if (slot.kind === 'stored') {
      if (slot.fingerprint !== fingerprint)
        throw new ApiProblem('idempotency_key_reused', {
          message: `Idempotency-Key "${key.slice(0, 64)}" was already used for a different ${route.operationId} request. Use a new key for a new logical write.`,
          details: [{ field: Headers.idempotencyKey, reason: 'reused with a different request body or path' }],
        });
      ex.replayed = true;
      const stored = slot.response;
      return finisher.success(res, ex, stored.status, stored.body, { ...stored.headers, ...replayed(true) });
    }
    const response = await execute(run, body);
    slot.complete(fingerprint, response);
    finisher.success(res, ex, response.status, response.body, { ...response.headers, ...replayed(false) });
  } catch (error) {
    if (slot.kind === 'owner') slot.complete(fingerprint, null); // nothing was written: the key stays free
    throw error;
  }
}

async function readBody(run: BodyExecution) {
  const read = await readRouteBody(run.route, run.req, run.maxBodyBytes);
  if (run.route.auth === 'client_credentials') {
    const clientId = (read.body as Record<string, unknown> | undefined)?.client_id;
    if (typeof clientId === 'string') run.ex.credentialPrefix = clientId.slice(0, CREDENTIAL_PREFIX_LENGTH);
  }
  return read;
}

async function execute(run: BodyExecution, body: unknown): Promise<StoredResponse> {
  const result = await handlers[run.name]({ ...run.ctx, body });
  const serialized = run.finisher.writer.successBody(run.name, result.body, result.json);
  return { status: result.status, headers: { ...result.headers }, body: serialized };
}
