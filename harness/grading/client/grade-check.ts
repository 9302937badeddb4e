import type { JournalEntry } from '../../reference-mock/index.js';
import type { GradeCheck, GradeVerdict } from '../shared/report.js';
import { type ClientCheckId, clientCheckTitle } from './checks.js';
import type { JournalView } from './journal-view.js';
import type { ScheduleSettings } from './schedule.js';
import { type Stall, stalledMsBefore } from './stall-monitor.js';

/** What every evaluator reads. */
export interface EvaluationContext {
  readonly view: JournalView;
  readonly declared: {
    readonly timeoutMs: number | null;
    readonly maxConcurrency: number | null;
    readonly maxRetries: number;
    readonly maxBackoffMs: number;
  };
  readonly schedule: Pick<ScheduleSettings, 'retryAfterSeconds' | 'holdMs'>;
  /** The step 6 read that keeps failing past the retry limit, e.g. `/v1/clients/cli_x/authority`. */
  readonly giveUpPath: string | null;
  /** Step 6 reads answered 503/500/429 whose envelope says not to retry, with the strategy it says. */
  readonly strategyReads: readonly StrategyRead[];
  /** The operation whose faulted 429s retry-after-honoured judges; null: every faulted 429. */
  readonly rateLimitOperationId: string | null;
  /** The operation whose held (`delay` fault) read timeout-abandons-hung-request judges. */
  readonly heldOperationId: string;
  /** When the grading process's event loop stalled during the run (its journal stamps may be late by as much). */
  readonly stalls: readonly Stall[];
}

/** A read whose answer's envelope says `no_retry` or `contact_support` on a retryable-looking status. */
export interface StrategyRead {
  readonly path: string;
  readonly retryStrategy: string;
}

/** Builds a GradeCheck with the catalog title. */
export const gradeCheck = (
  id: ClientCheckId,
  verdict: GradeVerdict,
  reason: string,
  evidence: readonly string[],
): GradeCheck => ({ id, title: clientCheckTitle(id), verdict, reason, evidence: [...evidence] });

/** Evidence lines for entries, most relevant first, at most `limit`. */
export const lines = (view: JournalView, entries: readonly JournalEntry[], limit = 20): string[] => {
  const shown = entries.slice(0, limit).map(view.line);
  return entries.length > limit ? [...shown, `… and ${entries.length - limit} more`] : shown;
};

/** Rounds milliseconds for reasons. */
export const ms = (value: number): string => `${Math.round(value)} ms`;

/**
 * Whether `repeat` may be the client's timeout retry of `entry`: it arrived at least the declared
 * timeout after `entry` could have arrived. On a busy machine a client's timer can fire before it reads
 * an answer the mock already wrote; such a repeat is not held against the client (timing checks lean
 * to a pass). `entry` may have arrived earlier than stamped by as long as the grader's loop stalled.
 */
export const mayBeTimeoutRetry = (context: EvaluationContext, entry: JournalEntry, repeat: JournalEntry): boolean => {
  const timeoutMs = context.declared.timeoutMs;
  if (timeoutMs === null) return false;
  const earliest = entry.receivedAt - stalledMsBefore(context.stalls, entry.receivedAt, timeoutMs);
  return repeat.receivedAt - earliest >= timeoutMs;
};

/** Why a repeat is excused as a possible timeout retry (for evidence): the gap, and any stall that widened it. */
export function timeoutRetryNote(context: EvaluationContext, entry: JournalEntry, repeat: JournalEntry): string {
  const timeoutMs = context.declared.timeoutMs ?? 0;
  const stalled = stalledMsBefore(context.stalls, entry.receivedAt, timeoutMs);
  const stall =
    stalled > 0
      ? ` (the grader's event loop had stalled ${ms(stalled)} before it, so #${entry.seq} may have arrived that much earlier)`
      : '';
  return `#${repeat.seq} came ${ms(repeat.receivedAt - entry.receivedAt)} after #${entry.seq} arrived${stall}, at least the declared ${ms(timeoutMs)} timeout after it was sent: possibly a timeout retry of an answer never read`;
}
