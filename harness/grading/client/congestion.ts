import type { GradeCheck } from '../shared/report.js';
import { gradeCheck } from './grade-check.js';
import { CLIENT_GRADE_TOLERANCES } from './options.js';

/**
 * Backoff is timed from the mock's answer to the retry's arrival, so it includes the time the client
 * takes to read that answer. A client with more requests in flight than it declared (or, with no bound
 * declared, more than `congestedInFlight`) reads its answers late on a busy machine, all at once: its
 * first retries then look as long as its later ones, whatever its backoff. Leaning to the grader's
 * policy (machine noise must never fail a correct part of a client), a failed backoff verdict of such a
 * client is not graded, with the reason, and the concurrency check carries the failure.
 */
export function excuseCongestedBackoff(checks: readonly GradeCheck[], peakInFlight: number): GradeCheck[] {
  const concurrency = checks.find((check) => check.id === 'concurrency-bound');
  const congested =
    concurrency?.verdict === 'fail' ||
    (concurrency?.verdict === 'not_graded' && peakInFlight > CLIENT_GRADE_TOLERANCES.congestedInFlight);
  if (!congested) return [...checks];
  return checks.map((check) =>
    check.id === 'backoff-grows-with-jitter' && check.verdict === 'fail'
      ? gradeCheck(
          check.id,
          'not_graded',
          `up to ${peakInFlight} requests were in flight at once, so your client read its failed answers late and together, and the delays before its retries cannot tell its backoff apart from that queueing: bound the fan-out (see concurrency-bound), then grade again. Measured before that excuse: ${check.reason}`,
          check.evidence,
        )
      : check,
  );
}
