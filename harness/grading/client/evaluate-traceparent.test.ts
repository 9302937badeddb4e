import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../reference-mock/index.js';
import { traceparentCheck } from './evaluate-traceparent.js';
import { viewJournal } from './journal-view.js';
import { journalEntries } from './test-support/journal-entry.js';

const A = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const B = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const journal = journalEntries();
const entry = (t: number, status: number, traceparent: string | null, path = '/v1/a'): JournalEntry =>
  journal(t, { path, status, correlationIdSent: `corr-${path}`, traceparent, durationMs: 2 });

describe('traceparentCheck', () => {
  it('passes when every request carries a valid traceparent and a retry keeps its own', () => {
    const check = traceparentCheck(viewJournal([entry(0, 503, A), entry(500, 200, A), entry(900, 200, B, '/v1/b')]));
    expect(check).toMatchObject({ id: 'traceparent', verdict: 'pass' });
  });

  it('fails on a missing or malformed traceparent, and on a retry that changed it', () => {
    expect(traceparentCheck(viewJournal([entry(0, 200, A), entry(10, 200, null, '/v1/b')])).reason).toMatch(
      /1 of 2 requests carried no valid traceparent \(e\.g\. null\)/,
    );
    expect(traceparentCheck(viewJournal([entry(0, 200, 'trace-1')])).verdict).toBe('fail');
    expect(traceparentCheck(viewJournal([entry(0, 503, A), entry(500, 200, B)])).reason).toMatch(
      /1 retried operation\(s\) changed traceparent/,
    );
  });

  it('is not graded when the command sent nothing', () => {
    expect(traceparentCheck(viewJournal([])).verdict).toBe('not_graded');
  });
});
