import { setTimeout as delay } from 'node:timers/promises';

/** One entry of libpact's mismatch report for a mock server. */
export interface MockServerMismatch {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** The part of libpact's consumer handle that reports what a mock server received. */
export interface MismatchSource {
  mockServerMismatches(port: number): readonly MockServerMismatch[];
}

/** How long to wait for libpact to record requests it already answered, and how often to look. */
export interface RecordedRequestsWait {
  readonly timeoutMs: number;
  readonly pollMs: number;
}

export const DEFAULT_RECORDED_REQUESTS_WAIT: RecordedRequestsWait = Object.freeze({ timeoutMs: 10_000, pollMs: 5 });

const count = (mismatches: readonly MockServerMismatch[], type: string): number =>
  mismatches.filter((mismatch) => mismatch.type === type).length;

/** How many received requests the report accounts for: the ones that matched an expectation and the ones that did not. */
const recorded = (mismatches: readonly MockServerMismatch[], expected: number): number =>
  expected -
  count(mismatches, 'missing-request') +
  count(mismatches, 'request-not-found') +
  count(mismatches, 'request-mismatch');

/** What the test sent and what the mock server expects. */
export interface RequestCounts {
  /** HTTP requests the client sent to the mock server. */
  readonly sent: number;
  /** Requests the mock server's interactions expect. */
  readonly expected: number;
}

/**
 * Waits until Pact's mock server has recorded every request the client sent, and returns its final
 * mismatch report.
 *
 * libpact's mock server answers a request first and records it through an event channel that
 * another task drains; pact-js reads the mismatch report as soon as the test function returns. On a
 * busy machine the client can have the whole response before the request is recorded, and the
 * report then says "The following request was expected but not received" for a request that was
 * answered. Returns at once when the report accounts for every request sent (or nothing is missing),
 * and after `timeoutMs` with the report as it stands.
 */
export async function awaitRecordedRequests(
  source: MismatchSource,
  port: number,
  counts: RequestCounts,
  wait: RecordedRequestsWait = DEFAULT_RECORDED_REQUESTS_WAIT,
): Promise<readonly MockServerMismatch[]> {
  const settled = (mismatches: readonly MockServerMismatch[]): boolean =>
    count(mismatches, 'missing-request') === 0 || recorded(mismatches, counts.expected) >= counts.sent;
  const deadline = performance.now() + wait.timeoutMs;
  let mismatches = source.mockServerMismatches(port);
  while (!settled(mismatches) && performance.now() < deadline) {
    await delay(wait.pollMs);
    mismatches = source.mockServerMismatches(port);
  }
  return mismatches;
}
