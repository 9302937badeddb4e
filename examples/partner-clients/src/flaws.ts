/**
 * Deliberate defects, each one a mistake seen in real API clients, and the grader check each must
 * fail (see test/grading/client-flaws.test.ts).
 */
export const CLIENT_FLAWS = {
  'new-key-per-retry': 'idempotent-write-retry', // a fresh Idempotency-Key on every attempt
  'retry-4xx': 'no-retry-on-4xx', // retries any 4xx but 429, 409 and 404 included
  'ignore-retry-after': 'retry-after-honoured', // backs off by its own clock only
  'no-jitter': 'backoff-grows-with-jitter', // exact doubling: every client retries in lockstep
  'flat-jitter': 'backoff-grows-with-jitter', // a random 200-400 ms before every retry: jitter, no growth
  'retry-by-status-only': 'retry-strategy-honoured', // retries every 429/5xx, whatever error.retryStrategy says
  'retry-forever': 'retries-give-up', // retries a failing operation until it succeeds
  'no-timeout': 'timeout-abandons-hung-request', // waits for an answer however long it takes
  'no-correlation-id': 'correlation-id', // sends no X-Correlation-Id
  'new-correlation-per-retry': 'correlation-id', // a fresh X-Correlation-Id on every attempt
  'one-correlation-id': 'correlation-id', // one X-Correlation-Id for the whole run
  'first-page-only': 'pagination-to-end', // reads the first page and ignores nextCursor
  'unbounded-concurrency': 'concurrency-bound', // fires the whole fan-out at once
  'keeps-old-key': 'key-rotation', // reads its API key once at start and never again
} as const;

export type ClientFlaw = keyof typeof CLIENT_FLAWS;

/** True for a known flaw name. */
export const isClientFlaw = (name: string): name is ClientFlaw => Object.hasOwn(CLIENT_FLAWS, name);
