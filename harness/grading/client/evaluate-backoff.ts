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

/** The widest spread (ms) above the quickest delay `floorMs` that still counts as the same delay. */
const fixedSpreadMs = (floorMs: number) =>
  2 * Math.max(CLIENT_GRADE_TOLERANCES.backoffMs, CLIENT_GRADE_TOLERANCES.backoffRatio * floorMs);

/**
 * How many of the delays at one retry number, besides the quickest, sit at its floor: no more than
 * 2 × max(backoffMs, backoffRatio × the quickest) above the quickest. A busy machine can only make a
 * retry later, never earlier, so a fixed schedule keeps most of its delays there; a jittered one spreads
 * them over its window. The quickest itself defines the floor, so it is not counted.
 */
export function countAtFloor(gaps: readonly number[]): number {
  const floor = Math.min(...gaps);
  return gaps.filter((gap) => gap - floor <= fixedSpreadMs(floor)).length - 1;
}

/**
 * The per-retry growth factor of the backoff: the median, over every pair of delays before different
 * retry numbers i < j, of (later / earlier)^(1 / (j - i)). Doubling backoff gives about 2, with any
 * jitter; flat delays give about 1. A median over all pairs is robust to the few retries a busy
 * machine delays, which a comparison of the longest delays is not.
 */
export function growthFactor(byRetry: ReadonlyMap<number, readonly number[]>): number {
  const factors: number[] = [];
  const retries = [...byRetry.keys()].sort((a, b) => a - b);
  for (const [index, earlier] of retries.entries())
    for (const later of retries.slice(index + 1))
      for (const a of byRetry.get(earlier) ?? [])
        for (const b of byRetry.get(later) ?? [])
          factors.push((Math.max(b, 1) / Math.max(a, 1)) ** (1 / (later - earlier)));
  return median(factors);
}

/** The backoff verdict from delays by retry number (pure; bench/backoff-calibration.ts simulates it). */
export function judgeBackoff(byRetry: ReadonlyMap<number, readonly number[]>) {
  const retries = [...byRetry.keys()].sort((a, b) => a - b);
  const sampled = retries.filter((retry) => (byRetry.get(retry)?.length ?? 0) >= 2);
  // Jitter is judged on the delays of every retry number seen twice or more, pooled: a fixed schedule
  // keeps most of its delays at each retry number's floor. Pooling the scenario's ~27 delays, rather
  // than a vote per retry number, keeps a jittered client whose delays happen to cluster at one or two
  // retry numbers from looking fixed (bench/backoff-calibration.ts gives the rates). With fewer than
  // minJitterDelays, only as many delays at the floor as that many would need count as fixed.
  const countedDelays = sampled.reduce((sum, retry) => sum + (byRetry.get(retry)?.length ?? 1) - 1, 0);
  const atFloorCount = sampled.reduce((sum, retry) => sum + countAtFloor(byRetry.get(retry) ?? []), 0);
  const { fixedShare, minJitterDelays } = CLIENT_GRADE_TOLERANCES;
  const fixed = atFloorCount >= fixedShare * Math.max(countedDelays, minJitterDelays);
  const factor = growthFactor(byRetry);
  return {
    retries,
    sampled,
    countedDelays,
    atFloorCount,
    factor,
    grows: factor >= CLIENT_GRADE_TOLERANCES.growthFactor,
    jitter: fixed ? 'fixed' : countedDelays >= minJitterDelays ? 'jittered' : 'not_judged',
  } as const;
}

const sampleLine = (view: JournalView, { retry, gapMs, failed, next }: BackoffSample) =>
  `retry ${retry}: ${ms(gapMs)} after #${failed.seq} t+${ms(failed.receivedAt - view.origin)} ${failed.method} ${failed.path} -> ${failed.status ?? 'no answer'}, retried by #${next.seq}`;

const summary = (retry: number, gaps: readonly number[]) =>
  `retry ${retry}: ${gaps.length} delay(s) ${ms(Math.min(...gaps))}..${ms(Math.max(...gaps))}, median ${ms(median(gaps))}`;

/**
 * Growth: the per-retry growth factor (growthFactor) reaches CLIENT_GRADE_TOLERANCES.growthFactor.
 * Jitter: fewer than CLIENT_GRADE_TOLERANCES.fixedShare of the delays sit at their retry number's floor
 * (countAtFloor), judged only with CLIENT_GRADE_TOLERANCES.minJitterDelays delays or more.
 */
export function backoffGrowsWithJitter(context: EvaluationContext): GradeCheck {
  const id = 'backoff-grows-with-jitter';
  const samples = backoffSamples(context);
  const byRetry = new Map<number, number[]>();
  for (const sample of samples) byRetry.set(sample.retry, [...(byRetry.get(sample.retry) ?? []), sample.gapMs]);
  const { retries, sampled, countedDelays, atFloorCount, factor, grows, jitter } = judgeBackoff(byRetry);
  if (sampled.length < 2)
    return gradeCheck(
      id,
      'not_graded',
      `too few retries after 5xx or dropped connections to judge the backoff (${samples.length} delay(s), ${sampled.length} retry number(s) seen twice or more; the scenario makes eight reads fail three times): retry those failures`,
      samples.map((sample) => sampleLine(context.view, sample)),
    );
  const threshold = CLIENT_GRADE_TOLERANCES.growthFactor;
  const evidence = [
    `growth factor per retry ${factor.toFixed(2)} (median over every pair of delays before different retries; at least ${threshold} counts as growth)`,
    ...retries.map((retry) => summary(retry, byRetry.get(retry) ?? [])),
    ...samples.map((sample) => sampleLine(context.view, sample)),
  ];
  const problems = [
    ...(grows
      ? []
      : [
          `the delay does not grow (each retry waited about ${factor.toFixed(2)}x the one before, at least ${threshold}x expected): double the backoff window after each failed attempt`,
        ]),
    ...(jitter !== 'fixed'
      ? []
      : [
          `the delays are not jittered (${atFloorCount} of the ${countedDelays} delays besides each retry number's quickest, before retries ${sampled.join(', ')} waited at most ${2 * CLIENT_GRADE_TOLERANCES.backoffMs} ms or ${Math.round(2 * CLIENT_GRADE_TOLERANCES.backoffRatio * 100)}% (whichever is larger) longer than that quickest delay; ${Math.round(CLIENT_GRADE_TOLERANCES.fixedShare * 100)}% or more is one fixed delay): add a random part so clients that failed together do not retry together`,
        ]),
  ];
  if (problems.length > 0) return gradeCheck(id, 'fail', problems.join('; '), evidence);
  if (jitter === 'not_judged')
    return gradeCheck(
      id,
      'not_graded',
      `the delays grow (about ${factor.toFixed(2)}x per retry), but ${countedDelays} delay(s) besides each retry number's quickest are too few to tell jitter from chance (at least ${CLIENT_GRADE_TOLERANCES.minJitterDelays}; grade-client's scenario gives about 27): retry more failures, or grade with grade-client`,
      evidence,
    );
  return gradeCheck(
    id,
    'pass',
    `delays grow (about ${factor.toFixed(2)}x per retry over retries ${retries.join(', ')}) and vary between operations`,
    evidence,
  );
}
