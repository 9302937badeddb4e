import type { GradeCheck } from '../shared/report.js';
import { type EvaluationContext, gradeCheck, lines, ms } from './grade-check.js';
import { finishedAt } from './journal-view.js';
import { CLIENT_GRADE_TOLERANCES } from './options.js';

/**
 * The read that keeps failing (503, `Retry-After: 0`) for two attempts past the declared retry limit:
 * the client gives up within `maxRetries + 1` attempts, never waiting longer than its declared backoff
 * cap (plus slack: a busy machine only makes a retry later) between them.
 */
export function retriesGiveUp(context: EvaluationContext): GradeCheck {
  const id = 'retries-give-up';
  const { view, declared, giveUpPath } = context;
  if (giveUpPath === null) return gradeCheck(id, 'not_graded', 'the scenario had no read that keeps failing', []);
  const attempts = view.entries.filter((entry) => entry.method === 'GET' && entry.path === giveUpPath);
  if (attempts.length === 0)
    return gradeCheck(
      id,
      'not_graded',
      `GET ${giveUpPath} (step 6: one id keeps failing) was never sent, so giving up was not observed`,
      [],
    );
  const evidence = lines(view, attempts, 25);
  const allowed = declared.maxRetries + 1;
  const cap = declared.maxBackoffMs + CLIENT_GRADE_TOLERANCES.backoffCapSlackMs;
  const longest = attempts.slice(1).reduce((max, next, index) => {
    const previous = attempts[index];
    return previous ? Math.max(max, next.receivedAt - finishedAt(previous)) : max;
  }, 0);
  const problems = [
    ...(attempts.length > allowed
      ? [
          `${attempts.length} attempts of an operation that kept failing, more than ${allowed} (${declared.maxRetries} retries declared): stop after your retry limit and surface the error`,
        ]
      : []),
    ...(longest > cap
      ? [
          `waited ${ms(longest)} before a retry, beyond the declared backoff cap of ${ms(declared.maxBackoffMs)} (+${ms(CLIENT_GRADE_TOLERANCES.backoffCapSlackMs)}): cap the backoff window`,
        ]
      : []),
  ];
  if (problems.length > 0) return gradeCheck(id, 'fail', problems.join('; '), evidence);
  return gradeCheck(
    id,
    'pass',
    `gave up after ${attempts.length} attempt(s) (at most ${allowed} allowed), longest wait ${ms(longest)} (cap ${ms(declared.maxBackoffMs)})`,
    evidence,
  );
}
