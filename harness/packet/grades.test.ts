import { describe, expect, it } from 'vitest';
import { sampleGradeReport } from '../../test/support/sample-packet.js';
import type { GradeCheck } from '../grading/shared/report.js';
import {
  describeGradeTime,
  gradesHeadline,
  gradesSentence,
  gradesVerdict,
  reportVerdict,
  summarizeGrades,
} from './grades.js';

const check = (verdict: GradeCheck['verdict']): GradeCheck => ({
  id: `check-${verdict.replace('_', '-')}`,
  title: 'x',
  verdict,
  reason: 'because',
  evidence: [],
});
const report = (...verdicts: GradeCheck['verdict'][]) => ({ checks: verdicts.map(check) });

describe('summarizeGrades', () => {
  it('counts the checks of every report by verdict', () => {
    expect(summarizeGrades([sampleGradeReport(), report('fail', 'pass')])).toEqual({
      reports: 2,
      checks: 8,
      pass: 5,
      fail: 2,
      notGraded: 1,
    });
  });
});

describe('reportVerdict and gradesVerdict', () => {
  it('fails a report when any check failed', () => {
    expect(reportVerdict(report('pass', 'not_graded', 'fail'))).toBe('fail');
  });

  it('never calls a report passed when a check was not graded or it has no checks', () => {
    expect(reportVerdict(report('pass', 'not_graded'))).toBe('not_graded');
    expect(reportVerdict(report())).toBe('not_graded');
    expect(reportVerdict(report('pass', 'pass'))).toBe('pass');
  });

  it('combines reports: any failure fails, all passed passes, and no reports is null', () => {
    expect(gradesVerdict([report('pass'), report('fail')])).toBe('fail');
    expect(gradesVerdict([report('pass'), report('not_graded')])).toBe('not_graded');
    expect(gradesVerdict([report('pass'), report('pass')])).toBe('pass');
    expect(gradesVerdict([])).toBeNull();
  });
});

describe('gradesSentence', () => {
  it('leads with the number of failed checks and says the gates are unchanged', () => {
    expect(gradesSentence([sampleGradeReport()])).toBe(
      'Partner integration grades: 1 check failed, 1 not graded, 4 passed (1 report). They do not change the gate verdict, but fix every failed check in your own integration before you ask for live traffic.',
    );
    expect(gradesHeadline([report('fail', 'fail'), report('pass')])).toBe(
      'Partner integration grades: 2 checks failed, 0 not graded, 1 passed (2 reports).',
    );
  });

  it('does not call not-graded checks a success', () => {
    expect(gradesSentence([report('pass', 'not_graded')])).toMatch(/0 checks failed, 1 not graded.*proves nothing/);
    expect(gradesSentence([report('pass')])).toContain('Every check of your own integration passed.');
  });

  it('is null when no report is attached', () => {
    expect(gradesSentence([])).toBeNull();
    expect(gradesHeadline([])).toBeNull();
  });
});

describe('describeGradeTime', () => {
  it('gives both instants and the duration, and drops a duration that makes no sense', () => {
    expect(describeGradeTime(sampleGradeReport())).toBe('2026-11-22T09:28:00.000Z → 2026-11-22T09:28:04.000Z (4.0 s)');
    expect(describeGradeTime({ startedAt: '2026-11-22T10:00:00Z', finishedAt: '2026-11-22T09:00:00Z' })).toBe(
      '2026-11-22T10:00:00Z → 2026-11-22T09:00:00Z',
    );
  });
});
