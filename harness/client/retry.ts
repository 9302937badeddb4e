import type { RetryStrategy } from '../contract/index.js';

/** The retry settings the client uses (see `DEFAULT_CLIENT_OPTIONS.retry`). */
export interface RetryOptions {
  /** Attempts per logical call, the first included. 1 disables retries. */
  readonly maxAttempts: number;
  /** Cap of the first backoff window; each retry doubles it. */
  readonly baseDelayMs: number;
  /** Largest backoff window. */
  readonly maxDelayMs: number;
  /** Longest `Retry-After` the client will wait; a longer one ends the call with the error instead. */
  readonly maxRetryAfterMs: number;
}

/**
 * Full-jitter exponential backoff before retry number `retry` (1 = the first retry).
 * @example backoffDelay(3, { baseDelayMs: 200, maxDelayMs: 10_000 }, () => 0.5) // 400: half of min(10 000, 200 * 2^2)
 */
export function backoffDelay(
  retry: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
): number {
  const window = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * window);
}

const DELAY_SECONDS = /^\d+$/;

/**
 * Parses `Retry-After` (delay seconds or an HTTP date) into milliseconds from `nowMs`.
 * Null when the header is absent or unparseable; a date in the past gives 0.
 */
export function parseRetryAfter(value: string | readonly string[] | undefined, nowMs: number): number | null {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw) return null;
  if (DELAY_SECONDS.test(raw)) return Number(raw) * 1000;
  const at = Date.parse(raw);
  if (Number.isNaN(at) || !/[a-z]/i.test(raw)) return null;
  return Math.max(0, at - nowMs);
}

/** Statuses that may succeed when sent again unchanged: 429 and every 5xx. */
export const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500;

/**
 * Whether an error answer is worth another attempt: a retryable status AND an envelope that says
 * `backoff`. A 503 or 429 whose envelope says `no_retry` or `contact_support` is final (an answer
 * without an envelope gets `backoff` for a retryable status, see parseErrorBody).
 * @example isRetryableAnswer(503, 'contact_support') // false
 */
export const isRetryableAnswer = (status: number, retryStrategy: RetryStrategy): boolean =>
  isRetryableStatus(status) && retryStrategy === 'backoff';

/** Socket-level failures worth another attempt: the request may not have reached the server, or the answer was lost. */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

/** True for a network error code that another attempt may get past. */
export const isTransientNetworkCode = (code: string | null): boolean =>
  code !== null && TRANSIENT_NETWORK_CODES.has(code);

/** The decision after a failed, retryable attempt. */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: 'attempts_exhausted' | 'retry_after_too_long' | 'deadline' };

/** Decides whether to send attempt `attempt + 1`, and after how long. */
export function planRetry(input: {
  /** The attempt that just failed (1-based). */
  attempt: number;
  retryAfterMs: number | null;
  /** Time left before the call's deadline. */
  remainingMs: number;
  options: RetryOptions;
  random: () => number;
}): RetryDecision {
  const { attempt, retryAfterMs, options } = input;
  if (attempt >= options.maxAttempts) return { retry: false, reason: 'attempts_exhausted' };
  if (retryAfterMs !== null && retryAfterMs > options.maxRetryAfterMs) {
    return { retry: false, reason: 'retry_after_too_long' };
  }
  // Retry-After is a floor: the jittered backoff still applies when it asks for less.
  const delayMs = Math.max(retryAfterMs ?? 0, backoffDelay(attempt, options, input.random));
  if (delayMs >= input.remainingMs) return { retry: false, reason: 'deadline' };
  return { retry: true, delayMs };
}
