import { describe, expect, it } from 'vitest';
import { journalEntries } from '../grading/client/test-support/journal-entry.js';
import type { JournalEntry } from '../reference-mock/index.js';
import { gradeTraffic } from './grade-traffic.js';
import type { ProviderFacts } from './provider-facts.js';

const T0 = 7_000_000;
const entry = journalEntries(T0);
const list = (t: number, status: number, fault: JournalEntry['fault']): JournalEntry =>
  entry(t, {
    path: '/v1/webhook-deliveries',
    operationId: 'listWebhookDeliveries',
    query: { limit: '5' },
    status,
    errorCode: status === 429 ? 'rate_limited' : null,
    correlationIdSent: 'corr-list',
    fault,
  });
const facts: ProviderFacts = {
  answers: [],
  environments: new Map(),
  contractHashes: new Map(),
  withoutEnvironment: 0,
  withoutRequestId: [],
  forwarded: 0,
};
const declared = { timeoutMs: 1000, maxConcurrency: 4, maxRetries: 6, maxBackoffMs: 10_000 };

describe('gradeTraffic', () => {
  // A 429 (Retry-After 1 s) retried 800 ms after the proxy stamped it. With the proxy's event loop
  // stalled 300 ms just before that stamp, the 429's request may have arrived 1.1 s before its retry:
  // possibly the client's 1 s timeout retry, which is not held against it.
  const journal = [list(0, 429, 'rate_limit'), list(800, 200, null)];
  const grade = (stalls?: { endAt: number; lateMs: number }[]) =>
    gradeTraffic({
      journal,
      facts,
      faults: [{ kind: 'rate_limit', count: 1, retryAfterSeconds: 1 }],
      declared,
      command: null,
      ...(stalls ? { stalls } : {}),
    }).find((check) => check.id === 'retry-after-honoured');

  it('fails a retry before Retry-After when the proxy ran without a stall', () => {
    expect(grade()?.verdict).toBe('fail');
  });

  it("excuses it when the proxy's own event loop had stalled before the 429's stamp", () => {
    const check = grade([{ endAt: T0, lateMs: 300 }]);
    expect(check?.verdict, check?.reason).toBe('pass');
    expect(check?.evidence.join('\n')).toContain("the grader's event loop had stalled 300 ms");
  });
});
