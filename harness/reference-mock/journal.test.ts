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
