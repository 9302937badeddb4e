import type { DeliveryOutcome } from './deliver.js';
import type { HookReading } from './processed-hook.js';
import { timesProcessed } from './processed-hook.js';

/** Whether processing can be observed, and if so what the hook said. */
export type HookView =
  | { readonly state: 'absent'; readonly reason: string }
  | { readonly state: 'unusable'; readonly reason: string; readonly evidence: readonly string[] }
  | {
      readonly state: 'ok';
      readonly reading: Extract<HookReading, { ok: true }>;
      readonly evidence: readonly string[];
      /** Null when every accepted event was listed; else how long the grader waited (ms) before giving up. */
      readonly gaveUpAfterMs: number | null;
    };

export const NO_HOOK_REASON =
  'no processed-events hook was given (processedEventsUrl / --processed-url or processedEventsCommand / --processed-command), so processing cannot be observed; expose one in test mode to grade this';

/**
 * Decides whether the hook's answer can be trusted: it must list at least one of the validly signed
 * events, otherwise its silence about rejected deliveries proves nothing.
 */
export function viewHook(
  reading: HookReading | null,
  outcomes: readonly DeliveryOutcome[],
  gaveUpAfterMs: number | null = null,
): HookView {
  if (reading === null) return { state: 'absent', reason: NO_HOOK_REASON };
  if (!reading.ok)
    return {
      state: 'unusable',
      reason: `the processed-events hook is unusable: ${reading.problem}`,
      evidence: [`hook ${reading.source}: ${reading.problem}`],
    };
  const summary = `hook ${reading.source} listed ${reading.eventIds.length} processing(s)`;
  const signed = outcomes.filter((outcome) => outcome.delivery.expectation === 'accept');
  if (!signed.some((outcome) => timesProcessed(reading, outcome.delivery.eventId) > 0))
    return {
      state: 'unusable',
      reason:
        gaveUpAfterMs === null
          ? `the processed-events hook lists none of the validly signed events (e.g. ${signed[0]?.delivery.eventId ?? 'none sent'}); make it list every processed event id, or check that the receiver processes valid deliveries`
          : `the processed-events hook listed none of the validly signed events within ${(gaveUpAfterMs / 1000).toFixed(1)} s (e.g. ${signed[0]?.delivery.eventId ?? 'none sent'}): if your worker needs longer, raise processingWaitMs (--processing-wait-ms); otherwise make the hook list every processed event id`,
      evidence: [summary],
    };
  const waited = gaveUpAfterMs === null ? [] : [`the grader waited ${gaveUpAfterMs} ms for processing`];
  return { state: 'ok', reading, evidence: [summary, ...waited], gaveUpAfterMs };
}
