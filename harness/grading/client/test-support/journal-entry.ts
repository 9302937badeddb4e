import type { JournalEntry } from '../../../reference-mock/index.js';

/**
 * A builder of synthetic journal entries for the graders' unit tests. Each call is one request that
 * arrived `t` ms after `origin`, numbered in call order (seq and request id), with the fields of a plain
 * GET answered 200 unless `fields` says otherwise.
 * @example const entry = journalEntries(); const failed = entry(0, { path: '/v1/a', status: 503 });
 */
export function journalEntries(origin = 1_000_000): (t: number, fields?: Partial<JournalEntry>) => JournalEntry {
  let seq = 0;
  return (t, fields = {}) => {
    seq += 1;
    return {
      seq,
      receivedAt: origin + t,
      clockAt: '2026-01-01T00:00:00.000Z',
      method: 'GET',
      path: '/',
      operationId: null,
      query: {},
      status: 200,
      errorCode: null,
      requestId: `req_${seq}`,
      correlationIdSent: `corr-${seq}`,
      traceparent: null,
      idempotencyKey: null,
      credentialPrefix: 'dc_test_abcd',
      fault: null,
      replayed: false,
      durationMs: 1,
      ...fields,
    };
  };
}
