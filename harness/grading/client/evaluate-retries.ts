import type { JournalEntry } from '../../reference-mock/index.js';
import type { GradeCheck } from '../shared/report.js';
import { type EvaluationContext, gradeCheck, lines, mayBeTimeoutRetry, ms, timeoutRetryNote } from './grade-check.js';
import { finishedAt, isWriteMethod, nextRepeat, requestKey } from './journal-view.js';
import { CLIENT_GRADE_TOLERANCES } from './options.js';
import { scheduledRetryAfterMs } from './schedule.js';

/** Ambiguous outcomes of a write: the provider may or may not have acted (5xx, dropped or abandoned). */
const ambiguous = (status: number | null) => status === null || status >= 500;

/**
 * A write whose answer was lost after it ran (the observe proxy's `lost_response`): its retry must carry
 * the same Idempotency-Key and be answered as a replay, else the provider ran it twice. Names both ids.
 */
function lostAnswerProblems(chains: readonly (readonly JournalEntry[])[]): string[] {
  return chains.flatMap(([first, ...retries]) => {
    if (first?.fault !== 'lost_response' || retries.length === 0) return [];
    const what = `${requestKey(first)} ran upstream as ${first.requestId} and its answer was lost`;
    const rekeyed = retries.find(
      (retry) => retry.idempotencyKey === null || retry.idempotencyKey !== first.idempotencyKey,
    );
    if (rekeyed)
      return [
        `${what}; the retry ${rekeyed.requestId} carried ${rekeyed.idempotencyKey === null ? 'no Idempotency-Key' : 'a new Idempotency-Key'}, so the write ran a second time (requests ${first.requestId} and ${rekeyed.requestId}): keep the first attempt's key for every retry`,
      ];
    const answered = retries.find((retry) => retry.status !== null && retry.status < 300);
    if (answered && !answered.replayed)
      return [
        `${what}; the retry ${answered.requestId} kept the key but was not answered as a replay (Idempotent-Replayed: true missing): the provider may have run it twice`,
      ];
    return [];
  });
}

/** A write retried after a 5xx or no answer carries the first attempt's Idempotency-Key on every attempt. */
export function idempotentWriteRetry({ view }: EvaluationContext): GradeCheck {
  const id = 'idempotent-write-retry';
  const chains = view.chains.filter(
    ([first]) => first !== undefined && isWriteMethod(first.method) && ambiguous(first.status),
  );
  const lost = lostAnswerProblems(chains);
  if (lost.length > 0)
    return gradeCheck(
      id,
      'fail',
      lost.join('; '),
      chains.filter(([first]) => first?.fault === 'lost_response').flatMap((chain) => lines(view, chain)),
    );
  if (chains.length === 0)
    return gradeCheck(
      id,
      'not_graded',
      'no write was retried after a 503 or a dropped connection (step 3 of the scenario: POST /v1/claims)',
      [],
    );
  const evidence = chains.flatMap((chain) => lines(view, chain));
  const broken = chains.filter(([first, ...retries]) => {
    const key = first?.idempotencyKey ?? null;
    return key === null || retries.some((retry) => retry.idempotencyKey !== key);
  });
  if (broken.length === 0) {
    const attempts = chains
      .map(([first, ...rest]) => `${first ? requestKey(first) : ''} x${rest.length + 1}`)
      .join(', ');
    return gradeCheck(id, 'pass', `every attempt kept its operation's Idempotency-Key (${attempts})`, evidence);
  }
  const first = broken[0]?.[0];
  const missing = first?.idempotencyKey === null;
  return gradeCheck(
    id,
    'fail',
    missing
      ? `${first ? requestKey(first) : 'a write'} was sent without an Idempotency-Key: create one key per operation before the first attempt and send it on every retry`
      : `a retry of ${first ? requestKey(first) : 'a write'} carried a different Idempotency-Key, so a write that did land would run twice: keep the first attempt's key for every retry`,
    evidence,
  );
}

/** A 429 is retried no sooner than its Retry-After, measured from when the 429 was answered. */
export function retryAfterHonoured(context: EvaluationContext): GradeCheck {
  const id = 'retry-after-honoured';
  const { view } = context;
  const limited = view.entries.filter(
    (entry) =>
      entry.status === 429 &&
      (context.rateLimitOperationId === null || entry.operationId === context.rateLimitOperationId) &&
      scheduledRetryAfterMs(entry, context.schedule) !== null,
  );
  if (limited.length === 0)
    return gradeCheck(id, 'not_graded', 'no 429 was answered (step 5: the first GET /v1/webhook-deliveries)', []);
  const evidence: string[] = [];
  const early: string[] = [];
  let retried = 0;
  for (const entry of limited) {
    const wait = scheduledRetryAfterMs(entry, context.schedule) ?? 0;
    const retry = nextRepeat(view, entry);
    evidence.push(view.line(entry));
    if (!retry) continue;
    retried++;
    const gap = retry.receivedAt - finishedAt(entry);
    evidence.push(`${view.line(retry)}: ${ms(gap)} after the 429 (Retry-After ${wait / 1000} s)`);
    // A retry at least the declared timeout after the 429's request arrived may be a timeout retry: on a
    // busy machine the client's timer can fire before it reads an answer already sent. Lean to a pass.
    if (mayBeTimeoutRetry(context, entry, retry)) {
      if (gap < wait - CLIENT_GRADE_TOLERANCES.retryAfterMs)
        evidence.push(`before Retry-After, but ${timeoutRetryNote(context, entry, retry)}: not judged early`);
      continue;
    }
    if (gap < wait - CLIENT_GRADE_TOLERANCES.retryAfterMs)
      early.push(`#${retry.seq} came ${ms(gap)} after the 429 of #${entry.seq}, Retry-After asked for ${ms(wait)}`);
  }
  if (retried === 0)
    return gradeCheck(id, 'not_graded', 'the 429 was never retried, so when the retry would come is unknown', evidence);
  if (early.length > 0)
    return gradeCheck(
      id,
      'fail',
      `retried too early (${early.join('; ')}): wait at least Retry-After seconds (use the larger of it and your backoff)`,
      evidence,
    );
  return gradeCheck(
    id,
    'pass',
    `every 429 was retried after its Retry-After (tolerance ${CLIENT_GRADE_TOLERANCES.retryAfterMs} ms)`,
    evidence,
  );
}

/** A 4xx other than 429 is final: no later request repeats it. */
export function noRetryOn4xx(context: EvaluationContext): GradeCheck {
  const { view } = context;
  const id = 'no-retry-on-4xx';
  const final = view.entries.filter((entry) => entry.status !== null && entry.status >= 400 && entry.status < 500);
  const rejected = final.filter((entry) => entry.status !== 429);
  if (rejected.length === 0)
    return gradeCheck(
      id,
      'not_graded',
      'no 4xx was answered (step 2 expects a 409, step 6 a 403 and a 404): run the whole scenario',
      [],
    );
  const excused: string[] = [];
  const repeated = rejected.flatMap((entry) => {
    const repeat = nextRepeat(view, entry);
    if (repeat && mayBeTimeoutRetry(context, entry, repeat)) {
      excused.push(`${view.line(repeat)}: ${timeoutRetryNote(context, entry, repeat)}, not counted`);
      return [];
    }
    return repeat ? [{ entry, repeat }] : [];
  });
  if (repeated.length === 0) {
    const statuses = [...new Set(rejected.map((entry) => entry.status))].join('/');
    return gradeCheck(id, 'pass', `none of the ${rejected.length} ${statuses} answers was retried`, [
      ...lines(view, rejected),
      ...excused,
    ]);
  }
  const evidence = repeated.flatMap(({ entry, repeat }) => [view.line(entry), `retried by ${view.line(repeat)}`]);
  const which = repeated.map(({ entry }) => `${entry.status} on ${requestKey(entry)}`).join('; ');
  return gradeCheck(
    id,
    'fail',
    `retried ${which}: a 4xx other than 429 will fail the same way again; surface it (or act on it, e.g. use resourceId of a 409) instead`,
    evidence,
  );
}
