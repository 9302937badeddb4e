import type { GradeCheck } from '../../../harness/grading/shared/index.js';

/**
 * A check as an assertion message: its id, reason and evidence. For the timing checks the evidence is
 * every measured delay, so a verdict that surprises a test run on a busy machine can be explained from
 * the log alone.
 */
export const explain = (check: GradeCheck | undefined): string =>
  check === undefined
    ? 'the check is missing from the report'
    : [`${check.id}: ${check.reason}`, ...check.evidence.map((line) => `  ${line}`)].join('\n');
