import type { IncomingMessage, ServerResponse } from 'node:http';
import { Headers, type RouteDefinition, type RouteName, VISIBLE_ASCII_1_255 } from '../contract/index.js';
import { exemptFromIdleTimeout } from './connection-limits.js';
import type { CredentialResolution } from './credentials.js';
import type { MockEngine } from './engine.js';
import { faultProblem, waitOutDelay } from './fault-response.js';
import type { FaultKind } from './faults.js';
import type { HandlerResult } from './handler-context.js';
import { handlers } from './handlers.js';
import { clientGoneSignal, headerValue } from './http-io.js';
import { executeWithBody } from './idempotent-execution.js';
import { createIdSequence } from './ids.js';
import type { JournalRecord } from './journal.js';
import { ApiProblem, envelopeJson, isApiProblem } from './problem.js';
import type { RateLimitState } from './rate-limiter.js';
import { authorize, checkIdempotencyKey, invalidHeader, validateParamsAndQuery } from './request-checks.js';
import { createResponseWriter, type ResponseWriter } from './response.js';
import { createRouter, type RouteLookup } from './router.js';

/** One request in flight; once answered it is the journal record itself (no second allocation). */
export interface Exchange extends JournalRecord {
  readonly started: number;
  readonly correlationId: string;
  readonly resolution: CredentialResolution;
  credentialPrefix: string | null;
  operationId: string | null;
  rate: RateLimitState;
  fault: FaultKind | null;
  replayed: boolean;
  status: number | null;
  errorCode: string | null;
  durationMs: number;
}

/** Finishes exchanges: sends the response and journals it. Shared with the body/idempotency path. */
export interface ExchangeFinisher {
  readonly writer: ResponseWriter;
  success(res: ServerResponse, ex: Exchange, status: number, body: string, headers?: Record<string, string>): void;
  fail(res: ServerResponse, ex: Exchange, error: unknown): void;
  /** Journals an exchange that got no response (drop, hang, client gone). */
  silent(ex: Exchange): void;
}

const REPLAYED_FALSE = Object.freeze({ [Headers.idempotentReplayed]: 'false' });

/** The request listener for every API route: the contract's rules, in the order a real provider applies them. */
export function createApiHandler(engine: MockEngine): (req: IncomingMessage, res: ServerResponse) => void {
  const router = createRouter();
  const writer = createResponseWriter(engine.options);
  const { journal, options, credentials, rateLimiter, faults, clock, scheduler } = engine;
  const requestIds = createIdSequence('req');
  // Read once: the getter costs a native call on every request, for a value fixed for the process.
  const timeOrigin = performance.timeOrigin;
  const correlationIds = createIdSequence('corr');

  const done = (ex: Exchange, status: number | null, errorCode: string | null) => {
    ex.status = status;
    ex.errorCode = errorCode;
    ex.durationMs = performance.now() - ex.started;
    journal.record(ex);
  };
  const finisher: ExchangeFinisher = {
    writer,
    success(res, ex, status, body, headers) {
      done(ex, writer.send(res, status, body, ex, ex.rate, headers) ? status : null, null);
    },
    fail(res, ex, error) {
      if (error instanceof Error && error.name === 'ClientGoneError') return done(ex, null, null);
      const problem = isApiProblem(error) ? error : new ApiProblem('internal_error');
      const body = envelopeJson(problem, ex.requestId, ex.correlationId);
      done(
        ex,
        writer.send(res, problem.status, body, ex, ex.rate, problem.headers) ? problem.status : null,
        problem.code,
      );
    },
    silent(ex) {
      done(ex, null, null);
    },
  };

  /** Everything after faults. Synchronous for bodiless requests without a key (the hot path). */
  const proceed = (req: IncomingMessage, res: ServerResponse, ex: Exchange, lookup: RouteLookup) => {
    if (ex.correlationId !== ex.correlationIdSent && ex.correlationIdSent !== null)
      throw invalidHeader(Headers.correlationId, 'must be 1-255 visible ASCII characters');
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
    const { route, name } = lookup.match;
    if (route.sandboxOnly && options.environment === 'production') throw new ApiProblem('sandbox_only');
    const credential = route.auth === 'bearer' ? authorize(route, ex.resolution) : null;
    const { params, query } = validateParamsAndQuery(route, lookup.match.params, ex.search);
    const key = checkIdempotencyKey(route, ex.idempotencyKey);
    const ctx = { engine, credential, params, query, body: undefined as unknown, headers: req.headers };
    if (route.body !== undefined || key !== null)
      return executeWithBody({ req, res, ex, route, name, ctx, key, finisher, maxBodyBytes: options.maxBodyBytes });
    const result = handlers[name](ctx);
    if (result instanceof Promise) return result.then((r) => sendResult(res, ex, route, name, r));
    sendResult(res, ex, route, name, result);
    return undefined;
  };

  const sendResult = (res: ServerResponse, ex: Exchange, route: RouteDefinition, name: RouteName, r: HandlerResult) => {
    const extra = route.idempotencyKey === 'none' ? r.headers : { ...REPLAYED_FALSE, ...r.headers };
    finisher.success(res, ex, r.status, writer.successBody(name, r.body, r.json), extra);
  };

  const run = (req: IncomingMessage, res: ServerResponse, ex: Exchange, lookup: RouteLookup) => {
    try {
      proceed(req, res, ex, lookup)?.catch((error: unknown) => finisher.fail(res, ex, error));
    } catch (error) {
      finisher.fail(res, ex, error);
    }
  };

  return (req, res) => {
    const started = performance.now();
    scheduler.runDue();
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const headers = req.headers;
    const correlationIdSent = headerValue(headers, 'x-correlation-id');
    const clockAtMs = clock.now();
    const resolution = credentials.resolve(headers.authorization, clockAtMs);
    const ex: Exchange = {
      started,
      receivedAt: timeOrigin + started,
      clockAtMs,
      method: req.method ?? 'GET',
      path: mark < 0 ? url : url.slice(0, mark),
      search: mark < 0 ? '' : url.slice(mark + 1),
      requestId: requestIds(),
      correlationId:
        correlationIdSent !== null && VISIBLE_ASCII_1_255.test(correlationIdSent)
          ? correlationIdSent
          : correlationIds(),
      correlationIdSent,
      traceparent: headerValue(headers, 'traceparent'),
      idempotencyKey: headerValue(headers, 'idempotency-key'),
      resolution,
      credentialPrefix: resolution.prefix,
      operationId: null,
      rate: rateLimiter.consume(resolution.record?.bucket ?? 'anonymous', clockAtMs),
      fault: null,
      replayed: false,
      status: null,
      errorCode: null,
      durationMs: 0,
    };
    try {
      const lookup = router(ex.method, ex.path);
      const template = lookup.kind === 'found' ? lookup.match.route.path : null;
      ex.operationId = lookup.kind === 'found' ? lookup.match.route.operationId : null;
      const fault = faults.takeForRequest({ method: ex.method, path: ex.path, operationId: ex.operationId, template });
      if (fault === null) return run(req, res, ex, lookup);
      ex.fault = fault.kind;
      if (fault.kind === 'drop') {
        req.socket.destroy();
        return finisher.silent(ex);
      }
      if (fault.kind === 'hang' || fault.kind === 'delay') exemptFromIdleTimeout(req.socket);
      if (fault.kind === 'hang') {
        engine.hanging.add(res);
        res.on('close', () => engine.hanging.delete(res));
        return finisher.silent(ex);
      }
      if (fault.kind === 'delay') {
        // A client that leaves during the delay is journaled as gone at once (no answer), as a provider
        // that notices the disconnect would, instead of running its request after the delay.
        const gone = clientGoneSignal(res, 'The client closed the connection during a delay fault.');
        void waitOutDelay(fault, AbortSignal.any([engine.closing, gone.signal])).then((open) => {
          gone.dispose();
          if (open) run(req, res, ex, lookup);
          else finisher.silent(ex);
        });
        return;
      }
      if (fault.kind === 'rate_limit') ex.rate = { ...ex.rate, remaining: 0 };
      throw faultProblem(fault);
    } catch (error) {
      finisher.fail(res, ex, error);
    }
  };
}
