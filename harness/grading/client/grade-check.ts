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
