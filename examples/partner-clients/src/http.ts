import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClientFlaw } from './flaws.js';

/** How this client talks to DutyClaims: its own timeout, retry, backoff and idempotency rules. */
export interface HttpSettings {
  readonly baseUrl: string;
  /** The current API key, asked before every attempt: a rotated key is picked up without a restart. */
  readonly apiKey: () => string;
  readonly timeoutMs: number;
  readonly flaws: ReadonlySet<ClientFlaw>;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly attempts: number;
}

export interface ApiRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
}

/** Attempts in all per operation, the first included. */
const MAX_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 2000;

/** Exponential backoff with "equal jitter": half the window fixed, half random, so it always grows. */
export function backoffMs(retry: number, jitter: boolean, random: () => number = Math.random): number {
  const window = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (retry - 1));
  return jitter ? window / 2 + random() * (window / 2) : window;
}

/** The delay before retry `retry` with this client's flaws applied. */
const delayMs = (retry: number, flaws: ReadonlySet<ClientFlaw>) =>
  flaws.has('flat-jitter') ? 200 + Math.random() * 200 : backoffMs(retry, !flaws.has('no-jitter'));

/** The `one-correlation-id` flaw's id, shared by every request of the run. */
const RUN_CORRELATION_ID = `corr-${randomUUID()}`;

/** Retry-After in milliseconds (integer seconds or an HTTP date), or 0 when absent. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header === null) return 0;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? 0 : Math.max(0, at - now);
}

/**
 * Whether an error answer is worth another attempt. The envelope's `retryStrategy` decides (only
 * `backoff` is retried: `no_retry` and `contact_support` are final even on a 503 or 429); the status
 * decides only when the answer has no envelope. The `retry-by-status-only` flaw ignores the envelope.
 */
export function retryable(status: number, body: Record<string, unknown>, byStatusOnly = false): boolean {
  const strategy = (body.error as { retryStrategy?: unknown } | undefined)?.retryStrategy;
  if (!byStatusOnly && typeof strategy === 'string') return strategy === 'backoff';
  return status === 429 || status >= 500;
}

const parseBody = (text: string): Record<string, unknown> => {
  try {
    const parsed: unknown = text === '' ? {} : JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/**
 * Sends one logical operation: one correlation id and (for writes) one Idempotency-Key for all its
 * attempts; retries network errors, timeouts, and answers whose envelope says `backoff` (429, 5xx),
 * never other 4xx nor an answer whose envelope says `no_retry` or `contact_support`.
 */
export async function send(settings: HttpSettings, req: ApiRequest): Promise<ApiResponse> {
  const { flaws } = settings;
  const correlationId = flaws.has('one-correlation-id') ? RUN_CORRELATION_ID : `corr-${randomUUID()}`;
  const idempotencyKey = `idem-${randomUUID()}`;
  for (let attempt = 1; ; attempt++) {
    const last = attempt === MAX_ATTEMPTS && !flaws.has('retry-forever');
    const headers: Record<string, string> = { authorization: `Bearer ${settings.apiKey()}` };
    if (!flaws.has('no-correlation-id'))
      headers['x-correlation-id'] = flaws.has('new-correlation-per-retry') ? `corr-${randomUUID()}` : correlationId;
    if (req.method === 'POST') {
      headers['content-type'] = 'application/json';
      headers['idempotency-key'] = flaws.has('new-key-per-retry') ? `idem-${randomUUID()}` : idempotencyKey;
    }
    let status: number;
    let text: string;
    let waitAtLeast = 0;
    try {
      const response = await fetch(`${settings.baseUrl}${req.path}`, {
        method: req.method,
        headers,
        ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
        ...(flaws.has('no-timeout') ? {} : { signal: AbortSignal.timeout(settings.timeoutMs) }),
      });
      status = response.status;
      text = await response.text();
      if (!flaws.has('ignore-retry-after')) waitAtLeast = retryAfterMs(response.headers.get('retry-after'));
    } catch (error) {
      // Dropped connection or timeout: the request may or may not have landed; the key makes a retry safe.
      if (last)
        throw new Error(`${req.method} ${req.path} failed after ${attempt} attempts: ${(error as Error).message}`);
      await sleep(delayMs(attempt, flaws));
      continue;
    }
    const body = parseBody(text);
    const retry =
      (status >= 400 && retryable(status, body, flaws.has('retry-by-status-only'))) ||
      (flaws.has('retry-4xx') && status >= 400 && status < 500 && status !== 429 && attempt < 2);
    if (!retry || last) return { status, body, attempts: attempt };
    await sleep(Math.max(waitAtLeast, delayMs(attempt, flaws)));
  }
}
