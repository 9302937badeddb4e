import { describe, expect, it } from 'vitest';
import { nodeClientCommand, pythonClientCommand } from '../../examples/partner-clients/src/commands.js';
import { CLIENT_CHECKS, gradeClient } from '../../harness/grading/client/index.js';
import { GradeReport } from '../../harness/grading/shared/index.js';
import { derivePersonas } from '../../harness/reference-mock/index.js';
import { CLIENT_TIMEOUT_MS } from './support/client-timeout.js';
import { explain } from './support/explain.js';
import { hasPython, needsPython } from './support/python.js';

// The grader starts the reference mock on 127.0.0.1:0 with the scenario's fault schedule, runs the
// partner's command against it and grades the request journal. The reference clients pass.
const apiKey = derivePersonas('dutyclaims-reference-mock').sandbox.apiKey;

describe.concurrent('the TypeScript reference client', () => {
  it('passes every check, with journal lines as evidence and no API key in the report', async () => {
    const report = GradeReport.parse(
      await gradeClient({ command: nodeClientCommand(), timeoutMs: CLIENT_TIMEOUT_MS, maxConcurrency: 4 }),
    );
    for (const { id } of CLIENT_CHECKS) {
      const check = report.checks.find((candidate) => candidate.id === id);
      expect(check?.verdict, explain(check)).toBe('pass');
    }
    const idempotency = report.checks.find((check) => check.id === 'idempotent-write-retry');
    expect(idempotency?.evidence).toEqual([
      expect.stringMatching(/^#\d+ t\+\d+ms POST \/v1\/claims -> 503 service_unavailable \[fault: status\] key=idem-/),
      expect.stringMatching(/POST \/v1\/claims -> no answer \[fault: drop\]/),
      expect.stringMatching(/POST \/v1\/claims -> 202 key=idem-/),
    ]);
    expect(report.settings).toMatchObject({
      timeoutMs: String(CLIENT_TIMEOUT_MS),
      maxConcurrency: '4',
      holdMs: String(2 * CLIENT_TIMEOUT_MS + 1000),
    });
    expect(JSON.stringify(report)).not.toContain(apiKey);
  });
});

describe
  .skipIf(!hasPython)
  .concurrent(needsPython('a client that declares no timeout and no concurrency bound'), () => {
    it('gets those two checks not graded (never passed), and no read is held', async () => {
      const report = await gradeClient({ command: pythonClientCommand() });
      const verdicts = Object.fromEntries(report.checks.map((check) => [check.id, check.verdict]));
      expect(verdicts).toMatchObject({
        'timeout-abandons-hung-request': 'not_graded',
        'concurrency-bound': 'not_graded',
        'scenario-completed': 'pass',
        'pagination-to-end': 'pass',
      });
      expect(report.checks.find((check) => check.id === 'concurrency-bound')?.reason).toMatch(/up to \d+ requests/);
      expect(report.settings).toMatchObject({ timeoutMs: 'not declared', holdMs: 'none' });
      // No read was held: the timeout check says so rather than judging a hold (no timing asserted).
      expect(report.checks.find((check) => check.id === 'timeout-abandons-hung-request')?.reason).toMatch(
        /no request timeout was declared, so no read was held/,
      );
    });
  });
