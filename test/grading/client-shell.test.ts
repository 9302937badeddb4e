import { describe, expect, it } from 'vitest';
import { shellClientCommand } from '../../examples/partner-clients/src/commands.js';
import { CLIENT_CHECKS, gradeClient } from '../../harness/grading/client/index.js';
import { GradeReport } from '../../harness/grading/shared/index.js';
import { CLIENT_TIMEOUT_MS } from './support/client-timeout.js';
import { explain } from './support/explain.js';
import { runs } from './support/python.js';

// A client in yet another style: bash forking one curl per attempt and one sleep per retry, the kind
// of client that is slowest to react on a busy machine. The grader's timing checks lean to a pass.
const hasShellTools = runs('bash') && runs('curl');

describe.skipIf(!hasShellTools)('the shell + curl reference client [skipped without bash and curl]', () => {
  it('passes every check', async () => {
    const report = GradeReport.parse(
      await gradeClient({ command: shellClientCommand(), timeoutMs: CLIENT_TIMEOUT_MS, maxConcurrency: 4 }),
    );
    for (const { id } of CLIENT_CHECKS) {
      const check = report.checks.find((candidate) => candidate.id === id);
      expect(check?.verdict, explain(check)).toBe('pass');
    }
  }, 60_000);
});
