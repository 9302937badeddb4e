import { describe, expect, it } from 'vitest';
import { runGradeClientCommand } from '../../harness/grading/client/index.js';
import { GradeReport } from '../../harness/grading/shared/index.js';

async function grade(argv: string[]) {
  const out: string[] = [];
  await runGradeClientCommand(argv, { out: (line) => out.push(line), err: () => {} });
  return GradeReport.parse(JSON.parse(out.join('\n')));
}

/** A partner command that reads /health twice, sending the given traceparents (null: none). */
const client = (...traceparents: (string | null)[]) => [
  process.execPath,
  '-e',
  `for (const tp of ${JSON.stringify(traceparents)}) await fetch(process.env.DUTYCLAIMS_BASE_URL + '/health', { headers: tp ? { traceparent: tp } : {} });`,
  '--input-type=module',
];
const A = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const B = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('grade-client --expect-traceparent', () => {
  it('adds the traceparent check: a request without one fails it, requests that all carry one pass it', async () => {
    const missing = await grade(['--json', '--expect-traceparent', '--', ...client(A, null)]);
    expect(missing.checks.find((check) => check.id === 'traceparent')).toMatchObject({
      verdict: 'fail',
      reason: expect.stringMatching(/1 of 2 requests carried no valid traceparent/),
    });
    const carried = await grade(['--json', '--expect-traceparent', '--', ...client(A, B)]);
    expect(carried.checks.find((check) => check.id === 'traceparent')?.verdict).toBe('pass');
  }, 60_000);

  it('is optional: without the flag the report has no traceparent check', async () => {
    const report = await grade(['--json', '--', ...client(null)]);
    expect(report.checks.map((check) => check.id)).not.toContain('traceparent');
  }, 30_000);
});
