import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { RouteDefinition } from '../contract/route-definition.js';
import type { Authenticator, AuthState } from './auth.js';
import { credentialFailure, credentialTimeout } from './credential-failure.js';
import { CallDeadline } from './deadline.js';
import {
  DutyClaimsApiError,
  type DutyClaimsCallError,
  isDutyClaimsCallError,
  NetworkError,
  type SchemaIssue,
  SchemaValidationError,
  TimeoutError,
} from './errors.js';
import { buildRequestHeaders, type ResponseFacts, readResponseFacts, wire } from './headers.js';
import type { AttemptRecord, CallMetadata, CallResult } from './metadata.js';
import type { ResolvedClientOptions } from './options.js';
import { type ErrorBody, parseErrorBody, parseSuccessBody } from './response.js';
import { isRetryableAnswer, isTransientNetworkCode, parseRetryAfter, planRetry } from './retry.js';
import { sendAttempt, type TransportFailure } from './transport.js';

/** What a client needs to run calls. */
export interface CallRuntime {
  readonly options: ResolvedClientOptions;
  readonly dispatcher: Dispatcher;
}

/** One logical call, fully prepared: the same ids go out on every attempt. */
export interface CallSpec {
  readonly route: RouteDefinition;
  /** `http://host:port` of the API. */
  readonly origin: string;
  /** Path and query, the base URL's path prefix included. */
  readonly path: string;
  readonly body: string | null;
  readonly contentType: string | null;
  readonly correlationId: string;
  /** The W3C `traceparent` of this logical call, the same on every attempt. */
  readonly traceparent: string;
  readonly idempotencyKey: string | null;
  readonly auth: Authenticator;
  /**
   * The deadline of the logical call this one runs for (an OAuth token request runs under the deadline
   * of the call waiting for the token); null to start its own. The owner clears it.
   */
  readonly deadline: CallDeadline | null;
}

type Failure =
  | TransportFailure
  | ({ readonly kind: 'api'; readonly status: number; readonly retryAfterMs: number | null } & ErrorBody)
  | { readonly kind: 'schema'; readonly issues: readonly SchemaIssue[] }
  // No credential to send: the token call's error, or null when this call's deadline passed while it waited.
  | { readonly kind: 'credential'; readonly tokenError: DutyClaimsCallError | null; readonly cause: unknown };

interface LastResponse {
  readonly status: number;
  readonly facts: ResponseFacts;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

const isRetryable = (failure: Failure): boolean =>
  (failure.kind === 'api' && isRetryableAnswer(failure.status, failure.retryStrategy)) ||
  (failure.kind === 'timeout' && failure.phase !== 'total') ||
  (failure.kind === 'network' && isTransientNetworkCode(failure.causeCode));

/**
 * Runs one logical call: attempts, backoff, OAuth refresh, schema check, metadata and the onCall hook.
 * A failed token request fails this call too (after the token call's own onCall record), with the
 * token failure's class and code, this call's metadata, and the token call's error as `cause`.
 */
export async function executeCall<S extends z.ZodType>(
  runtime: CallRuntime,
  spec: CallSpec,
  schema: S,
): Promise<CallResult<z.output<S>>> {
  const { options } = runtime;
  const startedAt = Date.now();
  const started = performance.now();
  const deadline = spec.deadline ?? new CallDeadline(options.timeouts.totalMs, startedAt);
  const attempts: AttemptRecord[] = [];
  let last: LastResponse | null = null;
  let auth: AuthState | null = null;
  let failure: Failure;
  let delayMs = 0;
  let refreshed = false;

  const meta = (): CallMetadata => ({
    operationId: spec.route.operationId,
    method: spec.route.method,
    route: spec.route.path,
    url: spec.origin + spec.path,
    status: last?.status ?? null,
    requestId: last?.facts.requestId ?? null,
    correlationId: spec.correlationId,
    traceparent: spec.traceparent,
    idempotencyKey: spec.idempotencyKey,
    replayed: last?.facts.replayed ?? null,
    attempts,
    durationMs: round(performance.now() - started),
    rateLimit: last?.facts.rateLimit ?? null,
    contractHash: last?.facts.contractHash ?? null,
    environment: last?.facts.environment ?? null,
    startedAt: new Date(startedAt).toISOString(),
    credentialPrefix: auth?.credentialPrefix ?? null,
  });

  try {
    for (let attempt = 1; ; attempt++) {
      if (delayMs > 0) await options.sleep(delayMs);
      const current = spec.auth.current(deadline);
      if (current instanceof Promise) {
        try {
          auth = await current;
        } catch (cause) {
          const ownDeadline = deadline.aborted && cause === deadline.reason;
          // Anything else (an onCall hook that threw, a closed client) rejects this call unchanged.
          if (!isDutyClaimsCallError(cause) && !ownDeadline) throw cause;
          failure = { kind: 'credential', tokenError: isDutyClaimsCallError(cause) ? cause : null, cause };
          break;
        }
      } else auth = current;
      const sentAt = performance.now();
      const outcome = await sendAttempt({
        origin: spec.origin,
        path: spec.path,
        method: spec.route.method,
        headers: buildRequestHeaders(auth.headers, spec),
        body: spec.body,
        dispatcher: runtime.dispatcher,
        timeouts: options.timeouts,
        deadline,
      });
      const durationMs = round(performance.now() - sentAt);
      last = outcome.kind === 'response' ? { status: outcome.status, facts: readResponseFacts(outcome.headers) } : null;
      if (outcome.kind === 'response' && last !== null)
        options.onResponse?.({
          operationId: spec.route.operationId,
          method: spec.route.method,
          route: spec.route.path,
          attempt,
          status: outcome.status,
          requestId: last.facts.requestId,
          correlationId: spec.correlationId,
          headers: outcome.headers,
          body: outcome.text,
        });

      if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300) {
        const parsed = parseSuccessBody(outcome.text, schema);
        attempts.push(
          record(attempt, delayMs, durationMs, last, parsed.ok ? null : 'DC_ERR_SCHEMA', null, auth.credentialPrefix),
        );
        if (parsed.ok) {
          const result = { data: parsed.data, meta: meta() };
          options.onCall?.({ ok: true, meta: result.meta, error: null });
          return result;
        }
        failure = { kind: 'schema', issues: parsed.issues };
        break;
      }

      failure =
        outcome.kind === 'response'
          ? {
              kind: 'api',
              status: outcome.status,
              retryAfterMs: parseRetryAfter(outcome.headers[wire.retryAfter], Date.now()),
              ...parseErrorBody(outcome.status, outcome.text),
            }
          : outcome;
      attempts.push(
        record(
          attempt,
          delayMs,
          durationMs,
          last,
          failureCode(failure),
          failure.kind === 'timeout' ? failure.phase : failure.kind === 'network' ? failure.causeCode : null,
          auth.credentialPrefix,
        ),
      );

      if (failure.kind === 'api' && failure.code === 'credential_expired' && spec.auth.refreshable && !refreshed) {
        // An access token can expire between the cache check and the provider's; fetch a new one, once.
        refreshed = true;
        spec.auth.invalidate(auth);
        delayMs = 0;
        continue;
      }
      if (!isRetryable(failure)) break;
      const decision = planRetry({
        attempt,
        retryAfterMs: failure.kind === 'api' ? failure.retryAfterMs : null,
        remainingMs: deadline.remaining(),
        options: options.retry,
        random: options.random,
      });
      if (!decision.retry) break;
      delayMs = decision.delayMs;
    }
  } finally {
    if (spec.deadline === null) deadline.clear();
  }

  const error = toError(failure, meta(), options.timeouts.totalMs);
  options.onCall?.({ ok: false, meta: error.meta, error });
  throw error;
}

function record(
  attempt: number,
  delayMs: number,
  durationMs: number,
  last: LastResponse | null,
  errorCode: string | null,
  errorDetail: string | null,
  credentialPrefix: string | null,
): AttemptRecord {
  return {
    attempt,
    delayMs,
    durationMs,
    status: last?.status ?? null,
    errorCode,
    errorDetail,
    requestId: last?.facts.requestId ?? null,
    credentialPrefix,
  };
}

function failureCode(failure: Failure): string {
  if (failure.kind === 'api') return failure.code;
  if (failure.kind === 'schema') return 'DC_ERR_SCHEMA';
  return failure.kind === 'timeout' ? 'DC_ERR_TIMEOUT' : 'DC_ERR_NETWORK';
}

function toError(failure: Failure, meta: CallMetadata, totalMs: number): DutyClaimsCallError {
  switch (failure.kind) {
    case 'credential':
      return failure.tokenError === null
        ? credentialTimeout(totalMs, meta, failure.cause)
        : credentialFailure(failure.tokenError, meta);
    case 'api':
      return new DutyClaimsApiError({ ...failure, meta });
    case 'schema':
      return new SchemaValidationError(failure.issues, meta);
    case 'timeout':
      return new TimeoutError(failure.phase, failure.timeoutMs, meta, { cause: failure.cause });
    case 'network':
      return new NetworkError(failure.causeCode, meta, { cause: failure.cause });
  }
}
