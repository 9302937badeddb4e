import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../reference-mock/index.js';
import { idempotentWriteRetry } from './evaluate-retries.js';
import type { EvaluationContext } from './grade-check.js';
import { viewJournal } from './journal-view.js';
import { SCENARIO_JUDGED } from './schedule.js';

// A claim write whose answer the observe proxy lost after the provider ran it (`lost_response`), then
// the client's retry: the same key and a replay pass; a new key, or no replay, is the write run twice.
const claim = (seq: number, fields: Partial<JournalEntry>): JournalEntry => ({
  seq,
  receivedAt: 1_000 + seq * 100,
  clockAt: '2026-01-01T00:00:00.000Z',
  method: 'POST',
  path: '/v1/claims',
  operationId: 'createClaim',
  query: {},
  status: 202,
  errorCode: null,
  requestId: `req_${seq}`,
  correlationIdSent: 'corr-claim',
  idempotencyKey: 'key-1',
  credentialPrefix: 'dc_test_abcd',
  fault: null,
  replayed: false,
  traceparent: null,
  durationMs: 5,
  ...fields,
});
const lost = claim(1, { status: null, fault: 'lost_response' });
const ctx = (entries: JournalEntry[]): EvaluationContext => ({
  view: viewJournal(entries),
  declared: { timeoutMs: 500, maxConcurrency: 4, maxRetries: 6, maxBackoffMs: 10_000 },
  schedule: { retryAfterSeconds: 1, holdMs: null },
  ...SCENARIO_JUDGED,
  stalls: [],
  giveUpPath: null,
  strategyReads: [],
});

describe('idempotent-write-retry after a lost response', () => {
  it('passes a retry with the same key that is answered as a replay', () => {
    expect(idempotentWriteRetry(ctx([lost, claim(2, { replayed: true })])).verdict).toBe('pass');
  });

  it('fails a retry under a new key, naming both request ids', () => {
    const check = idempotentWriteRetry(ctx([lost, claim(2, { idempotencyKey: 'key-2' })]));
    expect(check.verdict).toBe('fail');
    expect(check.reason).toContain('(requests req_1 and req_2)');
    expect(check.evidence).toHaveLength(2);
  });

  it('fails a retry with the same key that was not a replay, and one through a 503 under a new key', () => {
    expect(idempotentWriteRetry(ctx([lost, claim(2, {})])).reason).toMatch(
      /req_2 kept the key but was not answered as a replay/,
    );
    const through503 = [lost, claim(2, { status: 503, fault: 'status' }), claim(3, { idempotencyKey: 'key-3' })];
    expect(idempotentWriteRetry(ctx(through503)).reason).toContain('(requests req_1 and req_3)');
  });
});
