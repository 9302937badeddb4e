import { z } from 'zod';

/** The verdict of one check. `not_graded` is never a pass: the evidence needed was not available. */
export const GradeVerdict = z.enum(['pass', 'fail', 'not_graded']);
export type GradeVerdict = z.infer<typeof GradeVerdict>;

/** What a report says when a check claims a pass with nothing behind it. */
export const PASS_WITHOUT_EVIDENCE =
  'a pass needs at least one evidence line (the request sent and the answer observed); with nothing observed the verdict is not_graded';

/** True when some evidence line says something (blank lines prove nothing). */
export const hasEvidence = (evidence: readonly string[]): boolean => evidence.some((line) => line.trim() !== '');

/** One graded behaviour, with the evidence that proves its verdict. A pass without evidence is refused. */
export const GradeCheck = z
  .object({
    /** Stable kebab-case id, e.g. `tampered-body`. */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    /** What the check expects, in one sentence. */
    title: z.string().min(1),
    verdict: GradeVerdict,
    /** Why this verdict, and for a fail or not_graded what to do next. */
    reason: z.string().min(1),
    /** Exact requests sent and answers observed (ids, status codes, timings); never a full secret. */
    evidence: z.array(z.string()),
  })
  .refine((check) => check.verdict !== 'pass' || hasEvidence(check.evidence), {
    message: PASS_WITHOUT_EVIDENCE,
    path: ['evidence'],
  });
export type GradeCheck = z.infer<typeof GradeCheck>;

/** The result of one grader run against one target. */
export const GradeReport = z.object({
  /** Which grader produced it, e.g. `webhook-receiver`. */
  grader: z.string().min(1),
  /** What was graded, e.g. the receiver URL. */
  target: z.string().min(1),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  /** The settings the grader ran with (secrets only as a short prefix). */
  settings: z.record(z.string(), z.string()),
  checks: z.array(GradeCheck),
});
export type GradeReport = z.infer<typeof GradeReport>;

export interface GradeSummary {
  readonly pass: number;
  readonly fail: number;
  readonly notGraded: number;
}

/** Counts the verdicts of a report. */
export function summarizeGradeReport(report: Pick<GradeReport, 'checks'>): GradeSummary {
  const count = (verdict: GradeVerdict) => report.checks.filter((check) => check.verdict === verdict).length;
  return { pass: count('pass'), fail: count('fail'), notGraded: count('not_graded') };
}

/** Process exit code for a report: 0 when every graded check passed, 1 when any failed. */
export const gradeExitCode = (report: Pick<GradeReport, 'checks'>): 0 | 1 =>
  summarizeGradeReport(report).fail === 0 ? 0 : 1;

/** A short, non-reversible hint of a secret for reports and logs: at most 12 characters, then "…". */
export const secretHint = (secret: string): string =>
  `${secret.slice(0, Math.min(12, Math.floor(secret.length / 3)))}…`;
