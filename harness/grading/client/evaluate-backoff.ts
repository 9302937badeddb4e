import type { JournalEntry } from '../../reference-mock/index.js';
import type { GradeCheck } from '../shared/report.js';
import { type EvaluationContext, gradeCheck, ms } from './grade-check.js';
import { finishedAt, type JournalView } from './journal-view.js';
import { CLIENT_GRADE_TOLERANCES } from './options.js';
import { scheduledRetryAfterMs } from './schedule.js';

/** The client's own delay before retry number `retry` (1 = first), after a failure that set no minimum. */
export interface BackoffSample {
  readonly retry: number;
  readonly gapMs: number;
  readonly failed: JournalEntry;
  readonly next: JournalEntry;
}

/** Failures whose retry delay is the client's choice: 5xx with `Retry-After: 0` (or none) and drops. */
function freeToBackOff(entry: JournalEntry, context: EvaluationContext): boolean {
  if (entry.status === null) return entry.fault === 'drop';
  if (entry.status < 500) return false;
  const retryAfter = scheduledRetryAfterMs(entry, context.schedule);
  return retryAfter === 0 || (retryAfter === null && entry.fault === null);
}

/** The backoff delays of every retry chain, by retry number. */
export function backoffSamples(context: EvaluationContext): BackoffSample[] {
  const samples: BackoffSample[] = [];
  for (const chain of context.view.chains)
    chain.forEach((failed, index) => {
      const next = chain[index + 1];
      if (next && freeToBackOff(failed, context))
        samples.push({ retry: index + 1, gapMs: next.receivedAt - finishedAt(failed), failed, next });
    });
  return samples;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/**
 * Whether a set of delays is one fixed value (no jitter). A busy machine can only make a retry later,
 * never earlier, so only the quickest 60% are compared: fixed when they lie within
 * ±max(backoffMs, backoffRatio × their median) of each other.
 */
export function isFixedDelay(gaps: readonly number[]): boolean {
  const quickest = [...gaps].sort((a, b) => a - b).slice(0, Math.max(2, Math.ceil(gaps.length * 0.6)));
  const tolerance = Math.max(
    CLIENT_GRADE_TOLERANCES.backoffMs,
    CLIENT_GRADE_TOLERANCES.backoffRatio * median(quickest),
  );
  return Math.max(...quickest) - Math.min(...quickest) <= 2 * tolerance;
}

const sampleLine = (view: JournalView, { retry, gapMs, failed, next }: BackoffSample) =>
  `retry ${retry}: ${ms(gapMs)} after #${failed.seq} t+${ms(failed.receivedAt - view.origin)} ${failed.method} ${failed.path} -> ${failed.status ?? 'no answer'}, retried by #${next.seq}`;

const summary = (retry: number, gaps: readonly number[]) =>
  `retry ${retry}: ${gaps.length} delay(s) ${ms(Math.min(...gaps))}..${ms(Math.max(...gaps))}, median ${ms(median(gaps))}`;

/**
 * Growth: the longest delay before the most-sampled later retry exceeds the longest first-retry delay.
 * Jitter: at some retry number, the delays of different operations differ by more than the tolerance.
 */
export function backoffGrowsWithJitter(context: EvaluationContext): GradeCheck {
  const id = 'backoff-grows-with-jitter';
  const samples = backoffSamples(context);
  const byRetry = new Map<number, number[]>();
  for (const sample of samples) byRetry.set(sample.retry, [...(byRetry.get(sample.retry) ?? []), sample.gapMs]);
  const retries = [...byRetry.keys()].sort((a, b) => a - b);
  const evidence = [
    ...retries.map((retry) => summary(retry, byRetry.get(retry) ?? [])),
    ...samples.map((sample) => sampleLine(context.view, sample)),
  ];
  const first = byRetry.get(1) ?? [];
  const later = retries
    .filter((retry) => retry > 1)
    .sort((a, b) => (byRetry.get(b)?.length ?? 0) - (byRetry.get(a)?.length ?? 0) || b - a)[0];
  const sampled = retries.filter((retry) => (byRetry.get(retry)?.length ?? 0) >= 2);
  if (first.length === 0 || later === undefined || sampled.length === 0)
    return gradeCheck(
      id,
      'not_graded',
      `too few retries after 5xx or dropped connections to judge the backoff (${samples.length} delay(s); the scenario makes ten operations fail twice): retry those failures`,
      evidence,
    );
  const laterGaps = byRetry.get(later) ?? [];
  const grows = Math.max(...laterGaps) > Math.max(...first) + CLIENT_GRADE_TOLERANCES.growthMs;
  const jittered = sampled.some((retry) => !isFixedDelay(byRetry.get(retry) ?? []));
  const problems = [
    ...(grows
      ? []
      : [
          `the delay does not grow (longest before retry ${later}: ${ms(Math.max(...laterGaps))}, before retry 1: ${ms(Math.max(...first))}): double the backoff window after each failed attempt`,
        ]),
    ...(jittered
      ? []
      : [
          `the delays are not jittered (the quickest 60% of the operations waited the same time before the same retry, ±${CLIENT_GRADE_TOLERANCES.backoffMs} ms or ${CLIENT_GRADE_TOLERANCES.backoffRatio * 100}%): add a random part so clients that failed together do not retry together`,
        ]),
  ];
  if (problems.length > 0) return gradeCheck(id, 'fail', problems.join('; '), evidence);
  return gradeCheck(
    id,
    'pass',
    `delays grow (retry ${later} up to ${ms(Math.max(...laterGaps))}, retry 1 up to ${ms(Math.max(...first))}) and vary between operations`,
    evidence,
  );
}
