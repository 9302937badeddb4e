import { describe, expect, it } from 'vitest';
import { pythonClientCommand } from '../../examples/partner-clients/src/commands.js';
import type { ClientFlaw } from '../../examples/partner-clients/src/flaws.js';
import { CLIENT_CHECKS, gradeClient } from '../../harness/grading/client/index.js';
import { GradeReport } from '../../harness/grading/shared/index.js';
import { CLIENT_TIMEOUT_MS } from './support/client-timeout.js';
import { explain } from './support/explain.js';
import { hasPython, needsPython } from './support/python.js';

// A client written in another language (Python 3 standard library, urllib + a thread pool): the
// grader only reads the mock's request journal, so it grades any language.
const grade = async (flaws: ClientFlaw[] = []) =>
  GradeReport.parse(
    await gradeClient({ command: pythonClientCommand(flaws), timeoutMs: CLIENT_TIMEOUT_MS, maxConcurrency: 4 }),
  );

describe.skipIf(!hasPython).concurrent(needsPython('the Python client'), () => {
  it('passes every check without flaws', async () => {
    const report = await grade();
    for (const { id } of CLIENT_CHECKS) {
      const check = report.checks.find((candidate) => candidate.id === id);
      expect(check?.verdict, explain(check)).toBe('pass');
    }
    expect(report.target).toMatch(/^python3 \S+\/examples\/partner-clients\/python\/client\.py$/);
  });

  it.each([
    ['new-key-per-retry', 'idempotent-write-retry', /different Idempotency-Key/],
    ['no-timeout', 'timeout-abandons-hung-request', /waited \d+ ms for the held read/],
    ['unbounded-concurrency', 'concurrency-bound', /above the declared bound of 4/],
    ['one-correlation-id', 'correlation-id', /sent by different operations/],
    ['retry-forever', 'retries-give-up', /9 attempts .* more than 7/],
    [
      'retry-by-status-only',
      'retry-strategy-honoured',
      /503 on GET .* said no_retry.*500 on GET .* said contact_support/,
    ],
    ['retry-4xx', 'no-retry-on-4xx', /401 on GET .*403 on GET/],
    ['keeps-old-key', 'key-rotation', /failed with the old key after the switch \(requests req_\w+, req_\w+\)/],
  ] as const)(
    'with the %s flaw fails exactly %s',
    async (flaw, checkId, reason) => {
      const report = await grade([flaw]);
      const failing = report.checks.filter((check) => check.verdict === 'fail');
      expect(failing.map((check) => check.id)).toEqual([checkId]);
      expect(failing[0]?.reason).toMatch(reason);
    },
    60_000,
  );
});
