import type { Dispatcher } from 'undici';
import type { HttpMethod } from '../contract/route-definition.js';
import type { CallDeadline } from './deadline.js';
import type { TimeoutPhase } from './errors.js';
import type { RequestHeaders, ResponseHeaders } from './headers.js';
import type { TimeoutOptions } from './options.js';

/** The result of one HTTP attempt: a complete response, or the transport failure that stopped it. */
export type AttemptOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly headers: ResponseHeaders; readonly text: string }
  | TransportFailure;

/** A failure below HTTP: no complete response arrived. */
export type TransportFailure =
  | { readonly kind: 'timeout'; readonly phase: TimeoutPhase; readonly timeoutMs: number; readonly cause: unknown }
  | { readonly kind: 'network'; readonly causeCode: string | null; readonly cause: unknown };

/** One attempt as the transport sends it. */
export interface AttemptRequest {
  /** `http://host:port`, parsed once per client. */
  readonly origin: string;
  /** Path and query, base path included. */
  readonly path: string;
  readonly method: HttpMethod;
  readonly headers: RequestHeaders;
  readonly body: string | null;
  readonly dispatcher: Dispatcher;
  readonly timeouts: TimeoutOptions;
  /** Aborts the attempt when the logical call's deadline passes. */
  readonly deadline: CallDeadline;
}

const PHASE_BY_CODE: Readonly<Record<string, Exclude<TimeoutPhase, 'total'>>> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'headers',
  UND_ERR_BODY_TIMEOUT: 'body',
};

/** Maps an error thrown by undici (or the deadline's abort) to a timeout or network failure. */
export function classifyTransportError(
  error: unknown,
  deadline: { readonly aborted: boolean; readonly reason?: unknown },
  timeouts: TimeoutOptions,
): TransportFailure {
  if (deadline.aborted && (error === deadline.reason || isAbortCode(error))) {
    return { kind: 'timeout', phase: 'total', timeoutMs: timeouts.totalMs, cause: error };
  }
  const code = errorCode(error);
  const phase = code === null ? undefined : PHASE_BY_CODE[code];
  if (phase !== undefined) return { kind: 'timeout', phase, timeoutMs: timeouts[`${phase}Ms`], cause: error };
  return { kind: 'network', causeCode: code, cause: error };
}

function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

const isAbortCode = (error: unknown): boolean => {
  const code = errorCode(error);
  return code === 'UND_ERR_ABORTED' || code === 'UND_ERR_ABORT' || code === 'ABORT_ERR';
};

/** Sends one attempt and reads the whole body; never throws for transport problems. */
export async function sendAttempt(attempt: AttemptRequest): Promise<AttemptOutcome> {
  try {
    // dispatcher.request is what undici.request calls after parsing the URL; the client parsed it once already.
    const response = await attempt.dispatcher.request({
      origin: attempt.origin,
      path: attempt.path,
      method: attempt.method,
      headers: attempt.headers,
      body: attempt.body,
      headersTimeout: attempt.timeouts.headersMs,
      bodyTimeout: attempt.timeouts.bodyMs,
      signal: attempt.deadline,
    });
    const text = await response.body.text();
    return { kind: 'response', status: response.statusCode, headers: response.headers, text };
  } catch (error) {
    return classifyTransportError(error, attempt.deadline, attempt.timeouts);
  }
}
