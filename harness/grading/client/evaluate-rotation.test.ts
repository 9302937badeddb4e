import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../reference-mock/index.js';
import { type KeyRotationFacts, keyRotation } from './evaluate-rotation.js';
import type { EvaluationContext } from './grade-check.js';
import { viewJournal } from './journal-view.js';
import { SCENARIO_JUDGED } from './schedule.js';
import { journalEntries } from './test-support/journal-entry.js';

// Synthetic journals of step 7: arrival times (ms after 1_000_000), the key prefix sent, the answer.
const entry = journalEntries();
const read = (t: number, path: string, prefix: string, status: number): JournalEntry =>
  entry(t, {
    path,
    operationId: 'getPartnerOrganization',
    status,
    errorCode: status === 401 ? 'credential_revoked' : null,
    credentialPrefix: prefix,
  });
const ctx = (entries: JournalEntry[]): EvaluationContext => ({
  view: viewJournal(entries),
  declared: { timeoutMs: 2000, maxConcurrency: 4, maxRetries: 6, maxBackoffMs: 10_000 },
  schedule: { retryAfterSeconds: 1, holdMs: 2000 },
  giveUpPath: null,
  strategyReads: [],
  ...SCENARIO_JUDGED,
  stalls: [],
});
const ROTATED: KeyRotationFacts = {
  rotated: true,
  switchedAt: 1_000_100,
  oldPrefix: 'dc_test_old0',
  newPrefix: 'dc_test_new0',
  revokeRequestId: 'req_revoke',
};
const ORG = '/v1/partner-organizations/porg_x';

describe('key-rotation', () => {
  it('passes a client that uses the new key after the switch', () => {
    const check = keyRotation(
      ctx([read(0, ORG, 'dc_test_old0', 200), read(150, `${ORG}/capabilities`, 'dc_test_new0', 200)]),
      ROTATED,
    );
    expect(check.verdict).toBe('pass');
    expect(check.evidence.join('\n')).toMatch(/credential=dc_test_new0/);
  });

  it('fails a client that keeps the revoked key, naming each refused request', () => {
    const check = keyRotation(
      ctx([
        read(0, ORG, 'dc_test_old0', 200),
        read(150, `${ORG}/capabilities`, 'dc_test_old0', 401),
        read(160, ORG, 'dc_test_old0', 401),
      ]),
      ROTATED,
    );
    expect(check.verdict).toBe('fail');
    expect(check.reason).toMatch(
      /2 request\(s\) failed with the old key after the switch \(requests req_\d+, req_\d+\)/,
    );
  });

  it('fails a client that repeats a 401 after the switch, even with the new key', () => {
    const check = keyRotation(
      ctx([
        read(0, ORG, 'dc_test_old0', 200),
        read(150, ORG, 'dc_test_new0', 401),
        read(160, ORG, 'dc_test_new0', 200),
      ]),
      ROTATED,
    );
    expect(check.verdict).toBe('fail');
    expect(check.reason).toMatch(/a 401 was retried/);
  });

  it('does not hold a request that arrived before the new key was written against the client', () => {
    const check = keyRotation(
      ctx([read(0, ORG, 'dc_test_old0', 200), read(90, ORG, 'dc_test_old0', 401), read(150, ORG, 'dc_test_new0', 200)]),
      ROTATED,
    );
    expect(check.verdict).toBe('pass');
  });

  it('is not graded (never passed) when the key was not rotated or no request used the new key', () => {
    expect(keyRotation(ctx([]), { rotated: false, reason: 'never reached step 7' })).toMatchObject({
      verdict: 'not_graded',
      reason: 'never reached step 7',
    });
    expect(keyRotation(ctx([read(0, ORG, 'dc_test_old0', 200)]), ROTATED).verdict).toBe('not_graded');
    expect(keyRotation(ctx([]), null).verdict).toBe('not_graded');
  });
});
