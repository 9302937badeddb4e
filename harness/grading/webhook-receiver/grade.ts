import { Agent } from '../../http/undici.js';
import { type GradeReport, secretHint } from '../shared/report.js';
import { planBattery } from './battery.js';
import { type DeliveryOutcome, sendDelivery } from './deliver.js';
import { evaluateChecks } from './evaluate.js';
import { viewHook } from './hook-view.js';
import { randomId } from './ids.js';
import { type ResolvedWebhookGradeOptions, resolveWebhookGradeOptions, type WebhookGradeOptions } from './options.js';
import { describeHook, waitForProcessed } from './processed-hook.js';

/** The `grader` name in webhook-receiver reports. */
export const WEBHOOK_RECEIVER_GRADER = 'webhook-receiver';

function settingsOf(options: ResolvedWebhookGradeOptions): Record<string, string> {
  return {
    scheme: options.scheme.id,
    secret: secretHint(options.secret),
    toleranceSeconds: String(options.toleranceSeconds),
    ackTimeoutMs: String(options.ackTimeoutMs),
    processedEvents: options.processedEvents ? describeHook(options.processedEvents) : 'none',
    processingWaitMs: String(options.processingWaitMs),
    processingQuietMs: String(options.processingQuietMs),
  };
}

/**
 * Sends the battery of signed, tampered, stale, re-serialised, rotated and duplicate deliveries to a
 * running receiver and grades its answers. Throws WebhookGradeConfigError for bad options only;
 * an unreachable or misbehaving receiver yields failing checks, not an exception.
 * @example const report = await gradeWebhookReceiver({ url: 'http://127.0.0.1:8080/webhooks', secret, processedEventsUrl: 'http://127.0.0.1:8080/processed' })
 */
export async function gradeWebhookReceiver(options: WebhookGradeOptions): Promise<GradeReport> {
  const resolved = resolveWebhookGradeOptions(options);
  const startedAt = new Date(resolved.now()).toISOString();
  const dispatcher = new Agent({ connections: 4 });
  try {
    const outcomes: DeliveryOutcome[] = [];
    const battery = planBattery({
      scheme: resolved.scheme,
      secret: resolved.secret,
      toleranceSeconds: resolved.toleranceSeconds,
      now: resolved.now,
      body: { partnerOrgId: randomId('porg'), endpointId: randomId('we') },
    });
    for (const delivery of battery)
      outcomes.push(await sendDelivery(dispatcher, resolved.url, delivery, resolved.ackTimeoutMs));
    const expected = outcomes
      .filter((outcome) => outcome.delivery.expectation === 'accept')
      .map((outcome) => outcome.delivery.eventId);
    const wait = resolved.processedEvents
      ? await waitForProcessed(resolved.processedEvents, dispatcher, expected, {
          waitMs: resolved.processingWaitMs,
          quietMs: resolved.processingQuietMs,
        })
      : null;
    const checks = evaluateChecks({
      url: resolved.url,
      scheme: resolved.scheme,
      ackTimeoutMs: resolved.ackTimeoutMs,
      outcomes,
      hook: viewHook(wait?.reading ?? null, outcomes, wait && !wait.complete ? resolved.processingWaitMs : null),
    });
    return {
      grader: WEBHOOK_RECEIVER_GRADER,
      target: resolved.url.href,
      startedAt,
      finishedAt: new Date(resolved.now()).toISOString(),
      settings: settingsOf(resolved),
      checks,
    };
  } finally {
    await dispatcher.destroy();
  }
}
