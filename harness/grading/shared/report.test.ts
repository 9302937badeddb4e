import { describe, expect, it } from 'vitest';
import { GradeCheck, GradeReport, gradeExitCode, secretHint, summarizeGradeReport } from './report.js';

const report: GradeReport = {
  grader: 'webhook-receiver',
  target: 'http://127.0.0.1:8080/',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  settings: { scheme: 'dutyclaims' },
  checks: [
    { id: 'valid-delivery', title: 'Valid', verdict: 'pass', reason: 'acknowledged 200', evidence: ['a'] },
    { id: 'duplicate-processed-once', title: 'Dedupe', verdict: 'not_graded', reason: 'no hook', evidence: [] },
  ],
};

describe('GradeReport', () => {
  it('accepts a well-formed report and rejects unknown verdicts or non-kebab ids', () => {
    expect(GradeReport.parse(report)).toEqual(report);
    const [first] = report.checks;
    if (!first) throw new Error('no checks');
    expect(GradeReport.safeParse({ ...report, checks: [{ ...first, verdict: 'skipped' }] }).success).toBe(false);
    expect(GradeReport.safeParse({ ...report, checks: [{ ...first, id: 'Valid Delivery' }] }).success).toBe(false);
  });

  it('refuses a pass with no evidence behind it, naming the field; fail and not graded may have none', () => {
    const [first, second] = report.checks;
    if (!first || !second) throw new Error('no checks');
    const bare = GradeReport.safeParse({ ...report, checks: [{ ...first, evidence: [] }, second] });
    expect(bare.success).toBe(false);
    expect(bare.error?.issues).toEqual([
      expect.objectContaining({
        path: ['checks', 0, 'evidence'],
        message: expect.stringMatching(/a pass needs at least one evidence line/),
      }),
    ]);
    expect(GradeCheck.safeParse({ ...first, evidence: ['', '  '] }).success).toBe(false);
    expect(GradeCheck.safeParse({ ...first, verdict: 'fail', evidence: [] }).success).toBe(true);
    expect(GradeCheck.safeParse(second).success).toBe(true);
  });

  it('counts verdicts; not graded is not a failure but never counts as a pass', () => {
    expect(summarizeGradeReport(report)).toEqual({ pass: 1, fail: 0, notGraded: 1 });
    expect(gradeExitCode(report)).toBe(0);
    const failing = {
      checks: [...report.checks, { ...report.checks[0], verdict: 'fail' } as GradeReport['checks'][0]],
    };
    expect(gradeExitCode(failing)).toBe(1);
  });

  it('hints at a secret with a short prefix only', () => {
    expect(secretHint('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe('whsec_MfKQ9r…');
    expect(secretHint('short-secret')).toBe('shor…');
  });
});
