import type { GradeCheck } from '../shared/report.js';
import { type EvaluationContext, gradeCheck, ms } from './grade-check.js';
import { nextRepeat } from './journal-view.js';
import { CLIENT_GRADE_TOLERANCES } from './options.js';

/** The read that was held (a `delay` fault far past the declared timeout), if it was sent. */
export const heldRead = (context: EvaluationContext) =>
  context.view.entries.find((entry) => entry.operationId === context.heldOperationId && entry.fault === 'delay');

/**
 * The held read must be abandoned: it gets no answer (the client closed the connection before the
 * hold ended) and its retry arrives within the declared timeout plus the slack.
 */
export function timeoutAbandonsHungRequest(context: EvaluationContext): GradeCheck {
  const id = 'timeout-abandons-hung-request';
  const { view } = context;
  const timeoutMs = context.declared.timeoutMs;
  if (timeoutMs === null || context.schedule.holdMs === null)
    return gradeCheck(
      id,
      'not_graded',
      'no request timeout was declared, so no read was held: declare it (--timeout-ms) to grade this',
      [],
    );
  const held = heldRead(context);
  if (!held) return gradeCheck(id, 'not_graded', 'the claim status was never read (step 4), so no read was held', []);
  const evidence = [`held for ${ms(context.schedule.holdMs)}: ${view.line(held)}`];
  if (held.status !== null)
    return gradeCheck(
      id,
      'fail',
      `the client waited ${ms(held.durationMs)} for the held read and got ${held.status}, though it declares a ${ms(timeoutMs)} timeout: put a timeout on every request (connect and response)`,
      evidence,
    );
  const retry = nextRepeat(view, held);
  if (!retry)
    return gradeCheck(
      id,
      'not_graded',
      'the held read was abandoned but never retried, so when it was abandoned is unknown: retry a timed-out read (it is safe)',
      evidence,
    );
  const gap = retry.receivedAt - held.receivedAt;
  const limit = timeoutMs + CLIENT_GRADE_TOLERANCES.timeoutSlackMs;
  evidence.push(`retried ${ms(gap)} after it was sent: ${view.line(retry)}`);
  if (gap > limit)
    return gradeCheck(
      id,
      'fail',
      `the held read was retried ${ms(gap)} after it was sent; a ${ms(timeoutMs)} timeout allows at most ${ms(limit)} (declared timeout + ${ms(CLIENT_GRADE_TOLERANCES.timeoutSlackMs)} for the first backoff): the real timeout is longer than declared`,
      evidence,
    );
  return gradeCheck(
    id,
    'pass',
    `the held read was abandoned and retried ${ms(gap)} after it was sent (declared timeout ${ms(timeoutMs)}, at most ${ms(limit)} allowed)`,
    evidence,
  );
}
