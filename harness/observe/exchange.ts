import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { Headers } from '../contract/index.js';
import { headerValue } from '../reference-mock/http-io.js';
import { newId } from '../reference-mock/ids.js';
import type { JournalFault, JournalRecord, RequestJournal } from '../reference-mock/journal.js';
import type { createRouter } from '../reference-mock/router.js';
import { answerFault, refuseProductionWrite } from './answer-fault.js';
import type { ProxyFaultBook } from './fault-schedule.js';
import { bodyTap, relay, sendUpstream, swallow, type UpstreamAnswer } from './forward.js';
import { isWrite, type ResolvedObserveProxyOptions } from './options.js';
import { BODY_READ_OPERATIONS, type createFactsCollector } from './provider-facts.js';
import type { UpstreamInfo } from './upstream.js';

/** Everything one exchange needs, shared by all of them. */
export interface ExchangeContext {
  readonly options: ResolvedObserveProxyOptions;
  readonly upstream: UpstreamInfo;
  readonly dispatcher: Dispatcher;
  readonly route: ReturnType<typeof createRouter>;
  readonly faults: ProxyFaultBook;
  readonly journal: RequestJournal;
  readonly facts: ReturnType<typeof createFactsCollector>;
  readonly closing: AbortSignal;
}

const CREDENTIAL_PREFIX_LENGTH = 12;

/** The first characters of the credential (bearer token, or Basic client id): never the whole secret. */
function credentialPrefix(req: IncomingMessage): string | null {
  const value = headerValue(req.headers, 'authorization');
  if (value === null) return null;
  const [scheme, token = ''] = value.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'basic') {
    const clientId = Buffer.from(token, 'base64').toString('utf8').split(':')[0] ?? '';
    return clientId.slice(0, CREDENTIAL_PREFIX_LENGTH);
  }
  return token.slice(0, CREDENTIAL_PREFIX_LENGTH);
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

/** Resolves when the client has gone (its connection closed) or the proxy closes; leaves no listener behind. */
const clientGone = (res: ServerResponse, closing: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (res.destroyed || closing.aborted) return resolve();
    const done = () => {
      res.off('close', done);
      closing.removeEventListener('abort', done);
      resolve();
    };
    res.once('close', done);
    closing.addEventListener('abort', done, { once: true });
  });

function errorCodeOf(body: unknown): string | null {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' ? code : null;
}

/** Handles one client request: a fault the proxy answers itself, or a forward, journaled either way. */
export async function handleExchange(req: IncomingMessage, res: ServerResponse, ctx: ExchangeContext) {
  const start = performance.now();
  const receivedAt = performance.timeOrigin + start;
  // Node detaches the socket from a finished request: keep it to close the connection on purpose.
  const socket = req.socket;
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://observe.invalid');
  const lookup = ctx.route(method, url.pathname);
  const route = lookup.kind === 'found' ? lookup.match.route : null;
  const operationId = route?.operationId ?? null;
  const correlationIdSent = headerValue(req.headers, 'x-correlation-id');
  const base = {
    receivedAt,
    clockAtMs: Date.now(),
    method,
    path: url.pathname,
    operationId,
    search: url.search,
    correlationIdSent,
    idempotencyKey: headerValue(req.headers, 'idempotency-key'),
    credentialPrefix: credentialPrefix(req),
    traceparent: headerValue(req.headers, 'traceparent'),
  };
  let recorded = false;
  const record = (
    fields: Pick<JournalRecord, 'status' | 'errorCode' | 'requestId' | 'replayed'>,
    fault: JournalFault | null,
  ) => {
    recorded = true;
    ctx.journal.record({ ...base, ...fields, fault, durationMs: performance.now() - start });
  };
  // The proxy's own ids, for answers it gives itself (made only when needed: the hot path forwards).
  const ownIds = () => ({ requestId: newId('req'), correlationId: correlationIdSent ?? newId('corr') });
  const unanswered = () => ({ status: null, errorCode: null, requestId: newId('req'), replayed: false });
  try {
    if (ctx.options.target === 'production' && isWrite({ method }) && !ctx.options.allowProductionWrites) {
      req.resume();
      const { requestId } = ownIds();
      return record({ ...refuseProductionWrite(res, requestId), requestId, replayed: false }, null);
    }
    const fault = ctx.faults.take({ method, path: url.pathname, operationId, template: route?.path ?? null });
    if (fault?.kind === 'status' || fault?.kind === 'rate_limit') {
      req.resume();
      const own = ownIds();
      return record(
        { ...answerFault(fault, res, own, ctx.upstream), requestId: own.requestId, replayed: false },
        fault.kind,
      );
    }
    if (fault?.kind === 'drop') {
      socket.destroy();
      return record(unanswered(), 'drop');
    }
    if (fault?.kind === 'hang') {
      await clientGone(res, ctx.closing);
      socket.destroy();
      return record(unanswered(), 'hang');
    }
    if (fault?.kind === 'delay') {
      const hold = new AbortController();
      const gone = clientGone(res, ctx.closing).then(() => true);
      const waited = sleep(fault.delayMs ?? 1000, false, { signal: hold.signal }).catch(() => true);
      const left = await Promise.race([gone, waited]);
      hold.abort(); // no timer outlives a client that left
      if (left) return record(unanswered(), 'delay'); // never forwarded
    }

    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    let answer: UpstreamAnswer;
    try {
      answer = await sendUpstream(
        ctx.dispatcher,
        ctx.options.upstream,
        req,
        `${url.pathname}${url.search}`,
        abort.signal,
      );
    } catch {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end(`dutyclaims-launch observe could not reach ${ctx.upstream.host}.\n`);
      }
      return record(
        {
          status: res.destroyed ? null : 502,
          errorCode: 'observe_upstream_unreachable',
          requestId: newId('req'),
          replayed: false,
        },
        fault?.kind ?? null,
      );
    }
    const readBody = answer.status >= 400 || (operationId !== null && BODY_READ_OPERATIONS.has(operationId));
    const tap = readBody ? bodyTap(ctx.options.captureBytes) : null;
    const lost = fault?.kind === 'lost_response';
    let delivered = true;
    try {
      if (lost) await swallow(answer, tap);
      else await relay(answer, res, tap);
    } catch {
      delivered = false; // the client left mid-answer, or the provider's body broke off
    }
    if (lost) socket.destroy();
    const body = tap === null ? null : tap.json();
    const requestId = single(answer.headers[Headers.requestId.toLowerCase()]);
    ctx.facts.add(
      {
        requestId,
        operationId,
        method,
        path: url.pathname,
        status: answer.status,
        receivedAt,
        environmentHeader: single(answer.headers[Headers.environment.toLowerCase()]),
        contractHashHeader: single(answer.headers[Headers.contractHash.toLowerCase()]),
        body,
      },
      readBody && answer.status < 300,
    );
    record(
      {
        // The client got no answer for a lost response (it is the provider's status that the facts keep).
        status: lost || !delivered ? null : answer.status,
        errorCode: answer.status >= 300 ? errorCodeOf(body) : null,
        requestId: requestId ?? newId('req'),
        replayed: single(answer.headers[Headers.idempotentReplayed.toLowerCase()]) === 'true',
      },
      fault?.kind ?? null,
    );
  } catch (error) {
    // Never lose an exchange from the journal: an unexpected failure is journaled as unanswered.
    if (!recorded) record({ ...unanswered(), errorCode: 'observe_internal_error' }, null);
    throw error;
  }
}
