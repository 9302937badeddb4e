import type { JournalEntry } from '../../reference-mock/index.js';
import type { GradeCheck } from '../shared/report.js';
import { CLIENT_CHECKS } from './checks.js';
import { excuseCongestedBackoff } from './congestion.js';
import { backoffGrowsWithJitter } from './evaluate-backoff.js';
import { retriesGiveUp } from './evaluate-give-up.js';
import { idempotentWriteRetry, noRetryOn4xx, retryAfterHonoured } from './evaluate-retries.js';
import { type KeyRotationFacts, keyRotation } from './evaluate-rotation.js';
import { type LastPageReplay, paginationToEnd, scenarioCompleted } from './evaluate-scenario.js';
import { retryStrategyHonoured } from './evaluate-strategy.js';
import { timeoutAbandonsHungRequest } from './evaluate-timeout.js';
import { concurrencyBound, correlationId, peakConcurrency } from './evaluate-traffic.js';
import type { EvaluationContext, StrategyRead } from './grade-check.js';
import { viewJournal } from './journal-view.js';
import type { CommandOutcome } from './run-command.js';
import { SCENARIO_JUDGED, type ScheduleSettings } from './schedule.js';
import type { Stall } from './stall-monitor.js';

/** Everything the checks are graded from: the journal of the run and what the grader knows about it. */
export interface ClientEvaluationInput {
  readonly journal: readonly JournalEntry[];
  readonly declared: EvaluationContext['declared'];
  readonly schedule: Pick<ScheduleSettings, 'retryAfterSeconds' | 'holdMs'>;
  readonly command: CommandOutcome;
  /** The ids step 6 was asked to read and should complete (the one that keeps failing excluded). */
  readonly clientIds: readonly string[];
  readonly giveUpPath: string | null;
  /** Step 6 reads answered with a retryable-looking status whose envelope says not to retry. */
  readonly strategyReads: readonly StrategyRead[];
  readonly lastPage: LastPageReplay | null;
  readonly pageSize: number;
  /** Which faulted 429s and which held read are judged; default: the grading scenario's. */
  readonly judged?: Pick<EvaluationContext, 'rateLimitOperationId' | 'heldOperationId'>;
  /** What the grader did at step 7 (key rotation); absent or null: not graded. */
  readonly keyRotation?: KeyRotationFacts | null;
  /** When the grading process's event loop stalled during the run (watchStalls); default none. */
  readonly stalls?: readonly Stall[];
}

/** Grades a run's request journal; one check per entry of CLIENT_CHECKS, in that order. Pure. */
export function evaluateClientJournal(input: ClientEvaluationInput): GradeCheck[] {
  const context: EvaluationContext = {
    view: viewJournal(input.journal),
    declared: input.declared,
    schedule: input.schedule,
    giveUpPath: input.giveUpPath,
    strategyReads: input.strategyReads,
    ...(input.judged ?? SCENARIO_JUDGED),
    stalls: input.stalls ?? [],
  };
  const checks: Record<(typeof CLIENT_CHECKS)[number]['id'], () => GradeCheck> = {
    'scenario-completed': () => scenarioCompleted(context, input.command, input.clientIds),
    'idempotent-write-retry': () => idempotentWriteRetry(context),
    'retry-after-honoured': () => retryAfterHonoured(context),
    'backoff-grows-with-jitter': () => backoffGrowsWithJitter(context),
    'retries-give-up': () => retriesGiveUp(context),
    'retry-strategy-honoured': () => retryStrategyHonoured(context),
    'no-retry-on-4xx': () => noRetryOn4xx(context),
    'timeout-abandons-hung-request': () => timeoutAbandonsHungRequest(context),
    'correlation-id': () => correlationId(context),
    'pagination-to-end': () => paginationToEnd(context, input.lastPage, input.pageSize),
    'concurrency-bound': () => concurrencyBound(context),
    'key-rotation': () => keyRotation(context, input.keyRotation ?? null),
  };
  const graded = CLIENT_CHECKS.map(({ id }) => checks[id]());
  const peak =
    context.view.entries.length < 2 ? 0 : peakConcurrency(context.view, input.declared.timeoutMs).entries.length;
  return excuseCongestedBackoff(graded, peak);
}
