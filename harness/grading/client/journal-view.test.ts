import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../reference-mock/index.js';
import { nextRepeat, viewJournal } from './journal-view.js';
import { journalEntries } from './test-support/journal-entry.js';

const journal = journalEntries();
const entry = (t: number, path: string, status: number | null, extra: Partial<JournalEntry> = {}): JournalEntry =>
  journal(t, { path, status, correlationIdSent: 'corr-1', durationMs: 2, ...extra });

describe('viewJournal', () => {
  it('orders by arrival, not by journal seq (the mock journals a request when it finishes)', () => {
    const slow = entry(0, '/a', 200, { durationMs: 500 });
    const fast = entry(10, '/b', 200);
    const view = viewJournal([fast, slow]);
    expect(view.entries).toEqual([slow, fast]);
    expect(view.origin).toBe(slow.receivedAt);
  });

  it('chains a failed request to its retries until one succeeds, and keeps other operations apart', () => {
    const a1 = entry(0, '/v1/claims', 503, { method: 'POST' });
    const b = entry(5, '/v1/other', 200);
    const a2 = entry(100, '/v1/claims', null, { method: 'POST', fault: 'drop' });
    const a3 = entry(300, '/v1/claims', 202, { method: 'POST' });
    const later = entry(400, '/v1/claims', 202, { method: 'POST' });
    const view = viewJournal([a1, b, a2, a3, later]);
    expect(view.chains).toEqual([[a1, a2, a3]]);
  });

  it('tells pages apart by their query', () => {
    const page1 = entry(0, '/v1/webhook-deliveries', 500, { query: { limit: '5' } });
    const page2 = entry(50, '/v1/webhook-deliveries', 200, { query: { limit: '5', cursor: 'x' } });
    const view = viewJournal([page1, page2]);
    expect(view.chains).toEqual([]);
    expect(nextRepeat(view, page1)).toBeUndefined();
  });

  it('writes evidence lines with seq, relative time, answer, key and correlation id', () => {
    const first = entry(0, '/v1/clients', 200);
    const dropped = entry(1234, '/v1/claims', null, { method: 'POST', fault: 'drop', idempotencyKey: 'idem-1' });
    const view = viewJournal([first, dropped]);
    expect(view.line(dropped)).toBe(
      `#${dropped.seq} t+1234ms POST /v1/claims -> no answer [fault: drop] key=idem-1 corr=corr-1 (2 ms)`,
    );
  });
});
