import type { IncomingMessage, ServerResponse } from 'node:http';
import canonicalize from 'canonicalize';
import { Headers } from '../contract/index.js';
import type { CredentialResolution } from './credentials.js';
import type { MockEngine } from './engine.js';
import { faultProblem, waitOutDelay } from './fault-response.js';
import type { FaultKind } from './faults.js';
import { handlers } from './handlers.js';
import { headerValue } from './http-io.js';
import { newId } from './ids.js';
import { ApiProblem, envelopeJson, isApiProblem } from './problem.js';
import type { RateLimitState } from './rate-limiter.js';
import {
  authorize,
  checkIdempotencyKey,
  invalidHeader,
  readRouteBody,
  VISIBLE_ASCII_1_255,
  validateParamsAndQuery,
} from './request-checks.js';
import { createResponseWriter } from './response.js';
import { createRouter, type RouteMatch } from './router.js';

/** Per-request facts the journal and the headers need. */
interface Exchange {
  readonly started: number;
  readonly clockAt: number;
  readonly method: string;
  readonly path: string;
  readonly search: string;
  readonly requestId: string;
  readonly correlationId: string;
  readonly correlationIdSent: string | null;
  readonly idempotencyKey: string | null;
  readonly resolution: CredentialResolution;
  credentialPrefix: string | null;
  operationId: string | null;
  rate: RateLimitState;
  fault: FaultKind | null;
  replayed: boolean;
}

const NO_QUERY: Readonly<Record<string, string>> = Object.freeze({});
const REPLAYED_FALSE = { [Headers.idempotentReplayed]: 'false' };

/** The request listener for every API route: the contract's rules, in the order a real provider applies them. */
export function createApiHandler(engine: MockEngine): (req: IncomingMessage, res: ServerResponse) => void {
  const router = createRouter();
  const writer = createResponseWriter(engine.options);
  const { journal, options } = engine;

  const record = (ex: Exchange, status: number | null, errorCode: string | null) => {
    journal.record({
      receivedAt: performance.timeOrigin + ex.started,
      clockAt: new Date(ex.clockAt).toISOString(),
      method: ex.method,
      path: ex.path,
      operationId: ex.operationId,
      query: ex.search === '' ? NO_QUERY : Object.fromEntries(new URLSearchParams(ex.search)),
      status,
      errorCode,
      requestId: ex.requestId,
      correlationIdSent: ex.correlationIdSent,
      idempotencyKey: ex.idempotencyKey,
      credentialPrefix: ex.credentialPrefix,
      fault: ex.fault,
      replayed: ex.replayed,
      durationMs: performance.now() - ex.started,
    });
  };

  const sendProblem = (res: ServerResponse, ex: Exchange, problem: ApiProblem) => {
    const sent = writer.send(
      res,
      problem.status,
      envelopeJson(problem, ex.requestId, ex.correlationId),
      ex,
      ex.rate,
      problem.headers,
    );
    record(ex, sent ? problem.status : null, problem.code);
  };

  const sendSuccess = (
    res: ServerResponse,
    ex: Exchange,
    status: number,
    body: string,
    headers: Readonly<Record<string, string>> | undefined,
  ) => {
    const sent = writer.send(res, status, body, ex, ex.rate, headers);
    record(ex, sent ? status : null, null);
  };

  const execute = async (req: IncomingMessage, res: ServerResponse, ex: Exchange, match: RouteMatch) => {
    const { route, name } = match;
    if (route.sandboxOnly && options.environment === 'production') throw new ApiProblem('sandbox_only');
    const credential = route.auth === 'bearer' ? authorize(route, ex.resolution) : null;
    const { params, query } = validateParamsAndQuery(route, match.params, ex.search);
    const key = checkIdempotencyKey(route, ex.idempotencyKey);
    const { body, json } = await readRouteBody(route, req, options.maxBodyBytes);
    if (route.auth === 'client_credentials') {
      const clientId = (body as Record<string, unknown> | undefined)?.client_id;
      if (typeof clientId === 'string') ex.credentialPrefix = clientId.slice(0, 12);
    }
    const ctx = { engine, credential, params, query, body, headers: req.headers };
    const takesKey = route.idempotencyKey !== 'none';
    if (key === null || credential === null) {
      const result = await handlers[name](ctx);
      const extra = takesKey ? { ...REPLAYED_FALSE, ...result.headers } : result.headers;
      return sendSuccess(res, ex, result.status, writer.successBody(name, result.body, result.json), extra);
    }
    const fingerprint = `${ex.method} ${ex.path}\n${canonicalize(json) ?? ''}`;
    const decision = await engine.idempotency.begin(`${credential.orgId}\n${route.operationId}\n${key}`, fingerprint);
    if (decision.kind === 'conflict')
      throw new ApiProblem('idempotency_key_reused', {
        message: `Idempotency-Key "${key.slice(0, 64)}" was already used for a different ${route.operationId} request. Use a new key for a new logical write.`,
        details: [{ field: Headers.idempotencyKey, reason: 'reused with a different request body or path' }],
      });
    if (decision.kind === 'replay') {
      ex.replayed = true;
      const stored = decision.response;
      return sendSuccess(res, ex, stored.status, stored.body, {
        ...stored.headers,
        [Headers.idempotentReplayed]: 'true',
      });
    }
    let stored: { status: number; headers: Record<string, string>; body: string };
    try {
      const result = await handlers[name](ctx);
      stored = {
        status: result.status,
        headers: { ...result.headers },
        body: writer.successBody(name, result.body, result.json),
      };
    } catch (error) {
      decision.complete(null); // nothing was written: the key stays free for a corrected retry
      throw error;
    }
    decision.complete(stored);
    return sendSuccess(res, ex, stored.status, stored.body, { ...stored.headers, ...REPLAYED_FALSE });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    engine.scheduler.runDue();
    const headers = req.headers;
    const correlationIdSent = headerValue(headers, 'x-correlation-id');
    const correlationOk = correlationIdSent === null || VISIBLE_ASCII_1_255.test(correlationIdSent);
    const clockAt = engine.clock.now();
    const resolution = engine.credentials.resolve(headers.authorization, clockAt);
    const ex: Exchange = {
      started,
      clockAt,
      method: req.method ?? 'GET',
      path: mark < 0 ? url : url.slice(0, mark),
      search: mark < 0 ? '' : url.slice(mark + 1),
      requestId: newId('req'),
      correlationId: correlationOk && correlationIdSent !== null ? correlationIdSent : newId('corr'),
      correlationIdSent,
      idempotencyKey: headerValue(headers, 'idempotency-key'),
      resolution,
      credentialPrefix: resolution.prefix,
      operationId: null,
      rate: engine.rateLimiter.consume(resolution.record?.bucket ?? 'anonymous'),
      fault: null,
      replayed: false,
    };
    try {
      const lookup = router(ex.method, ex.path);
      const match = lookup.kind === 'found' ? lookup.match : null;
      ex.operationId = match?.route.operationId ?? null;
      const fault = engine.faults.takeForRequest({
        method: ex.method,
        path: ex.path,
        operationId: ex.operationId,
        template: match?.route.path ?? null,
      });
      if (fault) {
        ex.fault = fault.kind;
        if (fault.kind === 'drop') {
          req.socket.destroy();
          return record(ex, null, null);
        }
        if (fault.kind === 'hang') {
          engine.hanging.add(res);
          res.on('close', () => engine.hanging.delete(res));
          return record(ex, null, null);
        }
        if (fault.kind === 'delay') {
          if (!(await waitOutDelay(fault, engine.closing))) return record(ex, null, null);
        } else {
          if (fault.kind === 'rate_limit') ex.rate = { ...ex.rate, remaining: 0 };
          throw faultProblem(fault);
        }
      }
      if (!correlationOk) throw invalidHeader(Headers.correlationId, 'must be 1-255 visible ASCII characters');
      if (lookup.kind === 'not_found') throw new ApiProblem('route_not_found');
      if (lookup.kind === 'method_not_allowed')
        throw new ApiProblem('method_not_allowed', {
          message: `${ex.method} is not allowed on ${ex.path}. Use ${lookup.allowed.join(' or ')}.`,
          headers: { Allow: lookup.allowed.join(', ') },
        });
      if (ex.rate.limited)
        throw new ApiProblem('rate_limited', {
          message: `Too many requests: at most ${ex.rate.limit} per window for this credential. Wait ${ex.rate.retryAfterSeconds} s (Retry-After) before retrying.`,
          headers: { [Headers.retryAfter]: String(ex.rate.retryAfterSeconds) },
        });
      if (match) await execute(req, res, ex, match);
    } catch (error) {
      if (isApiProblem(error)) return sendProblem(res, ex, error);
      if (error instanceof Error && error.name === 'ClientGoneError') return record(ex, null, null);
      sendProblem(res, ex, new ApiProblem('internal_error'));
    }
  };

  return (req, res) => {
    void handle(req, res);
  };
}
