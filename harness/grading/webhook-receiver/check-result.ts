import type { WebhookScheme } from '../../webhooks/schemes/scheme.js';
import type { GradeCheck } from '../shared/report.js';
import { checkTitle, type WebhookReceiverCheckId } from './checks.js';
import type { DeliveryOutcome } from './deliver.js';
import type { HookView } from './hook-view.js';

export interface EvaluationInput {
  readonly url: URL;
  readonly scheme: WebhookScheme;
  readonly ackTimeoutMs: number;
  readonly outcomes: readonly DeliveryOutcome[];
  readonly hook: HookView;
}

/** One graded check of the receiver report. */
export const check = (
  id: WebhookReceiverCheckId,
  verdict: GradeCheck['verdict'],
  reason: string,
  evidence: string[],
): GradeCheck => ({ id, title: checkTitle(id), verdict, reason, evidence });

/** The receiver's answer to one delivery, for reasons. */
export const answer = (outcome: DeliveryOutcome) =>
  outcome.status === null ? `no answer (${outcome.error})` : `${outcome.status} in ${outcome.durationMs} ms`;

/**
 * A check for which the battery sent nothing: there is no answer to judge, so it is never a pass
 * (with a custom scheme, e.g. one whose `malformed()` returns no variants).
 */
export function nothingSent(input: EvaluationInput, id: WebhookReceiverCheckId): GradeCheck {
  const next =
    id === 'malformed-signature'
      ? `make the scheme's malformed() return at least one malformed signature header`
      : 'check that the scheme signs every delivery of the battery';
  return check(
    id,
    'not_graded',
    `no delivery was sent for this check with the ${input.scheme.id} scheme, so nothing was observed: ${next}`,
    [],
  );
}

/**
 * Why an acknowledged event is missing from the hook: when the grader gave up waiting, say so (a slow
 * background worker is not a signature bug); otherwise the receiver settled without processing it.
 */
export function unprocessedReason(hook: Extract<HookView, { state: 'ok' }>, blame: string): string {
  if (hook.gaveUpAfterMs !== null)
    return `acknowledged, not processed within ${(hook.gaveUpAfterMs / 1000).toFixed(1)} s: if your worker needs longer, raise processingWaitMs (--processing-wait-ms); otherwise ${blame}`;
  return `acknowledged but never processed (the processed events stopped changing without it): ${blame}`;
}
