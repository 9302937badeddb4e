import type { JournalEntry } from '../../reference-mock/index.js';
import type { GradeCheck } from '../shared/report.js';
import { type EvaluationContext, gradeCheck, mayBeTimeoutRetry, timeoutRetryNote } from './grade-check.js';
import { nextRepeat, requestKey } from './journal-view.js';

/** The first answer a strategy read got: the faulted one (429 or 5xx). */
const faultedAnswer = (context: EvaluationContext, path: string): JournalEntry | undefined =>
  context.view.entries.find(
    (entry) => entry.method === 'GET' && entry.path === path && entry.status !== null && entry.fault !== null,
  );

/**
 * An answer whose status invites a retry (503, 500, 429) but whose envelope says `no_retry` or
 * `contact_support` is not retried: the client branches on `error.retryStrategy`, not on the status
 * alone. Counts requests; a repeat at least the declared timeout later may be a timeout retry and is
 * not counted (lean to a pass).
 */
export function retryStrategyHonoured(context: EvaluationContext): GradeCheck {
  const id = 'retry-strategy-honoured';
  const { view, strategyReads } = context;
  if (strategyReads.length === 0)
    return gradeCheck(id, 'not_graded', 'the scenario had no answer whose envelope says not to retry', []);
  const evidence: string[] = [];
  const unsent: string[] = [];
  const retried: string[] = [];
  for (const { path, retryStrategy } of strategyReads) {
    const answer = faultedAnswer(context, path);
    if (!answer) {
      unsent.push(`GET ${path}`);
      continue;
    }
    evidence.push(`${view.line(answer)} request=${answer.requestId} retryStrategy=${retryStrategy}`);
    const repeat = nextRepeat(view, answer);
    if (!repeat) continue;
    if (mayBeTimeoutRetry(context, answer, repeat)) {
      evidence.push(`${view.line(repeat)}: ${timeoutRetryNote(context, answer, repeat)}, not counted`);
      continue;
    }
    evidence.push(`retried by ${view.line(repeat)} request=${repeat.requestId}`);
    retried.push(`${answer.status} on ${requestKey(answer)} (request ${answer.requestId}) said ${retryStrategy}`);
  }
  if (retried.length > 0)
    return gradeCheck(
      id,
      'fail',
      `retried answers whose envelope said not to: ${retried.join('; ')}. Branch on error.retryStrategy (retry only "backoff"), not on the status alone; surface the error with its request id`,
      evidence,
    );
  if (unsent.length > 0)
    return gradeCheck(
      id,
      'not_graded',
      `step 6 did not read ${unsent.join(', ')} (answered 503/500/429 with retryStrategy no_retry or contact_support), so how the client branches was not observed`,
      evidence,
    );
  return gradeCheck(
    id,
    'pass',
    `none of the ${strategyReads.length} answers whose status invites a retry but whose envelope says no_retry or contact_support was retried`,
    evidence,
  );
}
