import { createDutyClaimsClient } from '../client/client.js';
import { ROTATION_OVERLAP_MS } from '../contract/header-rules.js';
import type { StartedWebhookReceiver } from '../receiver/webhook-receiver.js';
import { observe } from './outcome.js';
import type { RotationContext } from './rotate-api-key.js';
import type { RotationDelivery, RotationObservation } from './rotation-observation.js';

/** Synthetic deliveries sent on each side of the rotation: some are in flight when it happens. */
const DELIVERIES_PER_SIDE = 3;

/**
 * Rotates the endpoint's signing secret while synthetic deliveries are in flight, the way a receiver
 * should: store the new secret beside the old one, accept both through the overlap, then (on the
 * mock, whose clock can skip the overlap) drop the old one and accept a delivery signed only with
 * the new one. Every delivery must be accepted.
 */
export async function rotateWebhookSecret(
  ctx: RotationContext & { readonly key: () => string; readonly mockClock: boolean },
  receiver: StartedWebhookReceiver,
  endpoint: { readonly id: string; readonly secret: string },
  observation: RotationObservation,
): Promise<void> {
  await using client = createDutyClaimsClient({
    ...ctx.clientOptions,
    baseUrl: ctx.baseUrl,
    environment: ctx.environment,
    credential: { apiKeyProvider: ctx.key },
    onCall: ctx.recorder.onCall,
    onResponse: ctx.audit.onResponse,
  });
  ctx.recorder.step = 'webhook secret rotation';
  const sent: {
    phase: RotationDelivery['phase'];
    deliveryId: string | null;
    eventId: string | null;
    error: string | null;
  }[] = [];
  const send = async (phase: RotationDelivery['phase']) => {
    const test = await observe(client.sendSandboxWebhookTest({ endpointId: endpoint.id }));
    sent.push(
      test.ok
        ? { phase, deliveryId: test.value.deliveryId, eventId: test.value.eventId, error: null }
        : {
            phase,
            deliveryId: null,
            eventId: null,
            error: `${test.error.code} (request ${test.meta?.requestId ?? 'none'})`,
          },
    );
  };
  const batch = (phase: RotationDelivery['phase']) =>
    Promise.all(Array.from({ length: DELIVERIES_PER_SIDE }, () => send(phase)));

  await batch('before');
  const rotated = await observe(client.rotateWebhookSecret(endpoint.id));
  if (!rotated.ok) {
    observation.secretRotate = rotated;
  } else {
    const { secret, secretPrefix } = rotated.value;
    ctx.secrets.push(secret);
    ctx.audit.know(secret, 'webhook_secret');
    observation.secretRotate = { ok: true, meta: rotated.meta, value: { secretPrefix } };
    receiver.setSecrets([secret, endpoint.secret]);
    await batch('overlap');
  }
  observation.deliveries = await receipts(receiver, sent, ctx.waitTimeoutMs);
  if (!rotated.ok || !ctx.mockClock) return;
  // The old secret stops signing once the overlap ends; a receiver that never stored the new one fails here.
  await ctx.waitOut(ROTATION_OVERLAP_MS + 1_000);
  receiver.setSecrets([rotated.value.secret]);
  const start = sent.length;
  await send('after-overlap');
  observation.deliveries.push(...(await receipts(receiver, sent.slice(start), ctx.waitTimeoutMs)));
}

/** What the receiver made of each delivery: accepted only when verified and answered 2xx. */
async function receipts(
  receiver: StartedWebhookReceiver,
  sent: readonly {
    phase: RotationDelivery['phase'];
    deliveryId: string | null;
    eventId: string | null;
    error: string | null;
  }[],
  timeoutMs: number,
): Promise<RotationDelivery[]> {
  return Promise.all(
    sent.map(async ({ phase, deliveryId, eventId, error }): Promise<RotationDelivery> => {
      if (eventId === null) return { phase, deliveryId, eventId, accepted: false, detail: `not sent: ${error}` };
      try {
        const entry = await receiver.waitFor((item) => item.eventId === eventId, timeoutMs);
        const accepted = entry.verified && entry.status >= 200 && entry.status < 300;
        return {
          phase,
          deliveryId: entry.deliveryId ?? deliveryId,
          eventId,
          accepted,
          detail: accepted
            ? 'verified and acknowledged'
            : `refused (${entry.status}): ${entry.failure ?? 'not verified'}`,
        };
      } catch {
        return { phase, deliveryId, eventId, accepted: false, detail: `not received within ${timeoutMs} ms` };
      }
    }),
  );
}
