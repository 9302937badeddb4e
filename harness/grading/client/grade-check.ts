import type { JournalEntry } from '../../reference-mock/index.js';
import type { GradeCheck, GradeVerdict } from '../shared/report.js';
import { type ClientCheckId, clientCheckTitle } from './checks.js';
import type { JournalView } from './journal-view.js';
import type { ScheduleSettings } from './schedule.js';

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
 * timeout after `entry` did. On a busy machine a client's timer can fire before it reads an answer the
 * mock already wrote; such a repeat is not held against the client (timing checks lean to a pass).
 */
export const mayBeTimeoutRetry = (context: EvaluationContext, entry: JournalEntry, repeat: JournalEntry): boolean =>
  context.declared.timeoutMs !== null && repeat.receivedAt - entry.receivedAt >= context.declared.timeoutMs;
