import { type GradeCheck, hasEvidence, PASS_WITHOUT_EVIDENCE } from './report.js';

/** A graded check failed; `checkId` says which, the message carries its reason and evidence. */
export class GradeCheckFailedError extends Error {
  override readonly name = 'GradeCheckFailedError' as const;
  readonly code = 'GRADE_CHECK_FAILED' as const;
  readonly checkId: string;

  constructor(check: GradeCheck) {
    super([`${check.id}: ${check.reason}`, ...check.evidence.map((item) => `  - ${item}`)].join('\n'));
    this.checkId = check.id;
  }
}

/** True for a GradeCheckFailedError from any copy of this module. */
export const isGradeCheckFailedError = (error: unknown): error is GradeCheckFailedError =>
  error instanceof Error && error.name === 'GradeCheckFailedError';

/**
 * Turns a check into a test outcome: returns on pass, calls `skip(reason)` when not graded (never a
 * pass), throws GradeCheckFailedError on fail and on a pass with no evidence behind it.
 */
export function assertGradeCheck(check: GradeCheck, skip: (note: string) => void): void {
  if (check.verdict === 'pass' && !hasEvidence(check.evidence))
    throw new GradeCheckFailedError({
      ...check,
      reason: `reported pass with no evidence (${check.reason}); ${PASS_WITHOUT_EVIDENCE}`,
    });
  if (check.verdict === 'pass') return;
  if (check.verdict === 'not_graded') {
    skip(`not graded: ${check.reason}`);
    return;
  }
  throw new GradeCheckFailedError(check);
}
