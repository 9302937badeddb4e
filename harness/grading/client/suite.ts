import { beforeAll, describe, it } from 'vitest';
import { assertGradeCheck } from '../shared/assert-check.js';
import type { GradeReport } from '../shared/report.js';
import { CLIENT_CHECKS } from './checks.js';
import { gradeClient } from './grade.js';
import type { ClientGradeOptions } from './options.js';

export interface ClientGradeSuiteOptions {
  /** The describe block's name. Default `client grade`. */
  readonly name?: string;
  /** Time allowed for the whole run (mock, seeding, command, grading). Default 120000 ms. */
  readonly timeoutMs?: number;
}

/**
 * Defines a vitest suite with one test per check of the client grader, all graded from one run of
 * the partner's command. Checks without signal (e.g. no declared timeout) are skipped with the
 * reason, never passed. `options` may be a function, called in `beforeAll`.
 * @example describeClientGrade({ command: ['python3', 'client.py'], timeoutMs: 500, maxConcurrency: 4 })
 */
export function describeClientGrade(
  options: ClientGradeOptions | (() => ClientGradeOptions | Promise<ClientGradeOptions>),
  suite: ClientGradeSuiteOptions = {},
): void {
  describe(suite.name ?? 'client grade', () => {
    let report: GradeReport | undefined;
    beforeAll(async () => {
      report = await gradeClient(typeof options === 'function' ? await options() : options);
    }, suite.timeoutMs ?? 120_000);

    for (const { id, title } of CLIENT_CHECKS)
      it(`${id}: ${title}`, (context) => {
        const check = report?.checks.find((candidate) => candidate.id === id);
        if (!check) throw new Error(`The grader did not report ${id}; see the beforeAll error above.`);
        assertGradeCheck(check, (note) => context.skip(note));
      });
  });
}
