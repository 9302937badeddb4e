import { describe, expect, it } from 'vitest';
import { awaitRecordedRequests, type MismatchSource, type MockServerMismatch } from './recorded-requests.js';

const missingRequest: MockServerMismatch = { type: 'missing-request', request: { method: 'GET', path: '/health' } };

/** A mock server report that lists the request as missing for the first `lagPolls` reads, as libpact does while its event loop lags. */
function laggingSource(
  lagPolls: number,
  after: readonly MockServerMismatch[] = [],
): MismatchSource & { reads: number } {
  return {
    reads: 0,
    mockServerMismatches(port: number) {
      expect(port).toBe(4321);
      this.reads += 1;
      return this.reads <= lagPolls ? [missingRequest] : after;
    },
  };
}

describe('awaitRecordedRequests', () => {
  it('returns at once when nothing is missing', async () => {
    const source = laggingSource(0);
    expect(await awaitRecordedRequests(source, 4321, { sent: 1, expected: 1 })).toEqual([]);
    expect(source.reads).toBe(1);
  });

  it('waits until the mock server has recorded a request it already answered', async () => {
    const source = laggingSource(3);
    expect(
      await awaitRecordedRequests(source, 4321, { sent: 1, expected: 1 }, { timeoutMs: 60_000, pollMs: 1 }),
    ).toEqual([]);
    expect(source.reads).toBe(4);
  });

  it('returns the mismatches that remain once the request is recorded', async () => {
    const mismatch: MockServerMismatch = { type: 'request-mismatch', path: '/health' };
    const source = laggingSource(2, [mismatch]);
    expect(
      await awaitRecordedRequests(source, 4321, { sent: 1, expected: 1 }, { timeoutMs: 60_000, pollMs: 1 }),
    ).toEqual([mismatch]);
  });

  it('stops waiting once every request sent is accounted for, though one expected never came', async () => {
    const notFound: MockServerMismatch = { type: 'request-not-found', request: { method: 'GET', path: '/healthz' } };
    const source = laggingSource(2, [missingRequest, notFound]);
    const report = await awaitRecordedRequests(
      source,
      4321,
      { sent: 1, expected: 1 },
      { timeoutMs: 60_000, pollMs: 1 },
    );
    expect(report).toEqual([missingRequest, notFound]);
    expect(source.reads).toBe(3);
  });

  it('gives up after the timeout and reports the request that never came', async () => {
    const source = laggingSource(Number.POSITIVE_INFINITY);
    expect(await awaitRecordedRequests(source, 4321, { sent: 1, expected: 1 }, { timeoutMs: 0, pollMs: 1 })).toEqual([
      missingRequest,
    ]);
    expect(source.reads).toBe(1);
  });
});
