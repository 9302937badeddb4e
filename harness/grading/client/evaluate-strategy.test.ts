import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../reference-mock/index.js';
import { scenarioCompleted } from './evaluate-scenario.js';
import { retryStrategyHonoured } from './evaluate-strategy.js';
import type { EvaluationContext } from './grade-check.js';
import { viewJournal } from './journal-view.js';
import { SCENARIO_JUDGED } from './schedule.js';
import { journalEntries } from './test-support/journal-entry.js';

// Synthetic journals of step 6's error-branch reads: arrival times (ms) and answers.
const entry = journalEntries();
const read = (t: number, clientId: string, status: number | null, fault: JournalEntry['fault']): JournalEntry =>
  entry(t, {
    path: `/v1/clients/${clientId}/authority`,
    operationId: 'getClientAuthority',
    status,
    correlationIdSent: `corr-${clientId}`,
    fault,
  });
const READS = [
  { path: '/v1/clients/cli_n/authority', retryStrategy: 'no_retry' },
  { path: '/v1/clients/cli_s/authority', retryStrategy: 'contact_support' },
  { path: '/v1/clients/cli_r/authority', retryStrategy: 'contact_support' },
];
const ctx = (entries: JournalEntry[], strategyReads = READS): EvaluationContext => ({
  view: viewJournal(entries),
  declared: { timeoutMs: 500, maxConcurrency: 4, maxRetries: 6, maxBackoffMs: 10_000 },
  schedule: { retryAfterSeconds: 1, holdMs: 2000 },
  ...SCENARIO_JUDGED,
  stalls: [],
  giveUpPath: null,
  strategyReads,
});
const answers = () => [
  read(0, 'cli_n', 503, 'status'),
  read(5, 'cli_s', 500, 'status'),
  read(9, 'cli_r', 429, 'rate_limit'),
];

describe('retry-strategy-honoured', () => {
  it('passes a client that takes each answer as final, with the request ids as evidence', () => {
    const check = retryStrategyHonoured(ctx(answers()));
    expect(check.verdict).toBe('pass');
    expect(check.evidence).toHaveLength(3);
    expect(check.evidence[0]).toMatch(/request=req_\d+ retryStrategy=no_retry/);
  });

  it('fails a client that retries any of them by its status, naming the request and the strategy', () => {
    for (const [index, clientId] of ['cli_n', 'cli_s', 'cli_r'].entries()) {
      const first = answers();
      const retry = read(150, clientId, 200, null);
      const check = retryStrategyHonoured(ctx([...first, retry]));
      expect(check.verdict, clientId).toBe('fail');
      expect(check.reason).toContain(`(request ${first[index]?.requestId}) said ${READS[index]?.retryStrategy}`);
      expect(check.reason).toContain('error.retryStrategy');
      expect(check.evidence.some((line) => line.startsWith('retried by') && line.includes(retry.requestId))).toBe(true);
    }
  });

  it('does not count a repeat that may be a timeout retry of an answer never read', () => {
    const check = retryStrategyHonoured(ctx([...answers(), read(600, 'cli_n', 200, null)]));
    expect(check.verdict).toBe('pass');
    expect(check.evidence.join('\n')).toContain('possibly a timeout retry');
  });

  it('is not graded when a read was never sent, or when the scenario had none', () => {
    const check = retryStrategyHonoured(ctx(answers().slice(0, 2)));
    expect(check.verdict).toBe('not_graded');
    expect(check.reason).toContain('cli_r');
    expect(retryStrategyHonoured(ctx([], [])).verdict).toBe('not_graded');
  });

  it('lets scenario-completed count a final 5xx or 429 as the answer of such a read', () => {
    const command = {
      exitCode: 0,
      signal: null,
      timedOut: false,
      spawnError: null,
      durationMs: 10,
      stdoutTail: [],
      stderrTail: [],
    };
    const partial = scenarioCompleted(ctx(answers().slice(0, 2)), command, []);
    expect(partial.verdict).toBe('fail');
    expect(partial.reason).toContain('1 not read');
  });
});
