import { type GradeReport, type GradeVerdict, summarizeGradeReport } from '../grading/shared/report.js';
import { formatDuration } from './format.js';

/** How a grade verdict reads to a person; `not_graded` is its own word, never a pass. */
export const GRADE_VERDICT_LABELS = { pass: 'PASS', fail: 'FAIL', not_graded: 'NOT GRADED' } as const satisfies Record<
  GradeVerdict,
  string
>;

/** The checks of every attached grade report, counted by verdict. */
export interface GradesSummary {
  readonly reports: number;
  readonly checks: number;
  readonly pass: number;
  readonly fail: number;
  readonly notGraded: number;
}

/** Counts the checks of all grade reports by verdict. */
export function summarizeGrades(grades: readonly Pick<GradeReport, 'checks'>[]): GradesSummary {
  const counts = grades.map(summarizeGradeReport);
  const sum = (key: 'pass' | 'fail' | 'notGraded') => counts.reduce((total, count) => total + count[key], 0);
  return {
    reports: grades.length,
    checks: grades.reduce((total, report) => total + report.checks.length, 0),
    pass: sum('pass'),
    fail: sum('fail'),
    notGraded: sum('notGraded'),
  };
}

/**
 * The verdict of a whole report: `fail` when any check failed, `pass` only when it has checks and all
 * passed, otherwise `not_graded` (so an empty or partly graded report never reads as passed).
 */
export function reportVerdict(report: Pick<GradeReport, 'checks'>): GradeVerdict {
  const { pass, fail } = summarizeGradeReport(report);
  if (fail > 0) return 'fail';
  return pass > 0 && pass === report.checks.length ? 'pass' : 'not_graded';
}

/** The verdict of all attached reports together, or null when none are attached. */
export function gradesVerdict(grades: readonly Pick<GradeReport, 'checks'>[]): GradeVerdict | null {
  if (grades.length === 0) return null;
  const verdicts = grades.map(reportVerdict);
  if (verdicts.includes('fail')) return 'fail';
  return verdicts.every((verdict) => verdict === 'pass') ? 'pass' : 'not_graded';
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * The grades' headline for the summary of every packet format, or null when no report is attached:
 * "Partner integration grades: 1 check failed, 1 not graded, 9 passed (1 report)."
 */
export function gradesHeadline(grades: readonly Pick<GradeReport, 'checks'>[]): string | null {
  if (grades.length === 0) return null;
  const { reports, pass, fail, notGraded } = summarizeGrades(grades);
  return `Partner integration grades: ${plural(fail, 'check')} failed, ${notGraded} not graded, ${pass} passed (${plural(reports, 'report')}).`;
}

const ADVICE: Record<GradeVerdict, string> = {
  fail: 'They do not change the gate verdict, but fix every failed check in your own integration before you ask for live traffic.',
  not_graded:
    'A check that was not graded proves nothing: give the grader what it needs (see its reason) and grade again.',
  pass: 'Every check of your own integration passed.',
};

/** What to do about the grades, or null when no report is attached. */
export function gradesAdvice(grades: readonly Pick<GradeReport, 'checks'>[]): string | null {
  const verdict = gradesVerdict(grades);
  return verdict === null ? null : ADVICE[verdict];
}

/** Headline and advice in one sentence, or null when no report is attached. */
export function gradesSentence(grades: readonly Pick<GradeReport, 'checks'>[]): string | null {
  const headline = gradesHeadline(grades);
  return headline === null ? null : `${headline} ${gradesAdvice(grades)}`;
}

/** "2026-11-22T09:31:00.000Z → 2026-11-22T09:31:04.200Z (4.2 s)". */
export function describeGradeTime(report: Pick<GradeReport, 'startedAt' | 'finishedAt'>): string {
  const ms = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  const duration = Number.isFinite(ms) && ms >= 0 ? ` (${formatDuration(ms)})` : '';
  return `${report.startedAt} → ${report.finishedAt}${duration}`;
}

/** The report's settings as "key=value" items, in the report's order. */
export const describeGradeSettings = (settings: GradeReport['settings']): string[] =>
  Object.entries(settings).map(([key, value]) => `${key}=${value}`);

/** Anchor of a report's section in the HTML page. */
export const gradeAnchor = (index: number): string => `grade-${index + 1}`;
