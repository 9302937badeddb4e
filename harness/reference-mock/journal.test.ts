import { describe, expect, it } from 'vitest';
import { createRequestJournal, type JournalRecord } from './journal.js';

const record = (path: string, search = ''): JournalRecord => ({
  receivedAt: 1,
  clockAtMs: 0,
  method: 'GET',
  path,
  search,
  operationId: null,
  status: 200,
  errorCode: null,
  requestId: 'req_x',
  correlationIdSent: null,
  traceparent: null,
  idempotencyKey: null,
  credentialPrefix: null,
  fault: null,
  replayed: false,
  durationMs: 1,
});

describe('request journal', () => {
  it('keeps the newest entries up to its capacity, oldest first, with monotonic seq', () => {
    const journal = createRequestJournal(3);
    for (const path of ['/a', '/b', '/c', '/d', '/e']) journal.record(record(path));
    const entries = journal.entries();
    expect(entries.map((e) => e.path)).toEqual(['/c', '/d', '/e']);
    expect(entries.map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  it('formats the mock clock as RFC 3339 and the query as an object when read', () => {
    const journal = createRequestJournal(10);
    journal.record(record('/x', 'limit=2&status=failed'));
    const [entry] = journal.entries();
    expect(entry?.clockAt).toBe('1970-01-01T00:00:00.000Z');
    expect(entry?.query).toEqual({ limit: '2', status: 'failed' });
  });

  it('keeps counting after clear so seq never repeats', () => {
    const journal = createRequestJournal(10);
    journal.record(record('/a'));
    journal.clear();
    journal.record(record('/b'));
    expect(journal.entries()).toMatchObject([{ path: '/b', seq: 2 }]);
  });
});

describe('request journal, every field', () => {
  it('reads back every field as recorded, null status and all, across a wrapped ring', () => {
    const journal = createRequestJournal(2);
    const full: JournalRecord = {
      receivedAt: 1_700_000_000_123.5,
      clockAtMs: 1_700_000_000_000,
      method: 'POST',
      path: '/v1/claims',
      search: 'a=1',
      operationId: 'createClaim',
      status: null,
      errorCode: 'rate_limited',
      requestId: 'req_1',
      correlationIdSent: 'corr-sent',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      idempotencyKey: 'key-1',
      credentialPrefix: 'dc_test_abcd',
      fault: 'drop',
      replayed: true,
      durationMs: 2.25,
    };
    journal.record(record('/first'));
    journal.record(full);
    journal.record({ ...record('/third'), status: 503 });
    const [second, third] = journal.entries();
    expect(second).toEqual({
      seq: 2,
      receivedAt: full.receivedAt,
      clockAt: '2023-11-14T22:13:20.000Z',
      method: 'POST',
      path: '/v1/claims',
      operationId: 'createClaim',
      query: { a: '1' },
      status: null,
      errorCode: 'rate_limited',
      requestId: 'req_1',
      correlationIdSent: 'corr-sent',
      traceparent: full.traceparent,
      idempotencyKey: 'key-1',
      credentialPrefix: 'dc_test_abcd',
      fault: 'drop',
      replayed: true,
      durationMs: 2.25,
    });
    expect(third).toMatchObject({ seq: 3, path: '/third', status: 503, replayed: false, fault: null });
  });

  it('keeps no reference to the record it was handed (the request in flight is free to go)', () => {
    const journal = createRequestJournal(4);
    const handed = { ...record('/a'), resolution: { secret: 'dc_test_full_secret_value' } };
    journal.record(handed);
    handed.path = '/changed';
    expect(journal.entries()).toMatchObject([{ path: '/a' }]);
    expect(JSON.stringify(journal.entries())).not.toContain('dc_test_full_secret_value');
  });
});
