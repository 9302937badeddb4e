/** Every check the client grader reports, in report order. Ids are stable API. */
export const CLIENT_CHECKS = [
  {
    id: 'scenario-completed',
    title: 'The command runs the whole scenario and exits 0 within the command timeout',
  },
  {
    id: 'idempotent-write-retry',
    title: 'A write retried after a 503 or a dropped connection carries the same Idempotency-Key',
  },
  { id: 'retry-after-honoured', title: 'A 429 is retried no sooner than its Retry-After' },
  { id: 'backoff-grows-with-jitter', title: 'Backoff between retries grows and is jittered' },
  {
    id: 'retries-give-up',
    title: 'An operation that keeps failing is given up within the declared retries and backoff cap',
  },
  {
    id: 'retry-strategy-honoured',
    title: 'A 503, 500 or 429 whose error envelope says retryStrategy no_retry or contact_support is not retried',
  },
  { id: 'no-retry-on-4xx', title: 'A 4xx other than 429 (400/401/403/404/409/422) is not retried' },
  { id: 'timeout-abandons-hung-request', title: 'A hung response is abandoned within the declared timeout' },
  {
    id: 'correlation-id',
    title:
      'Every request carries X-Correlation-Id, one operation keeps one id across retries, and different operations have different ids',
  },
  { id: 'pagination-to-end', title: 'The list of webhook deliveries is read to its last page' },
  { id: 'concurrency-bound', title: 'Requests in flight never exceed the declared concurrency bound' },
  {
    id: 'key-rotation',
    title:
      'A key rotated mid-run is picked up from the key file: no request fails with the old key after the switch, and no 401 is retried',
  },
] as const;

export type ClientCheckId = (typeof CLIENT_CHECKS)[number]['id'];

/** The title of a check by id. */
export const clientCheckTitle = (id: ClientCheckId): string =>
  CLIENT_CHECKS.find((check) => check.id === id)?.title ?? id;
