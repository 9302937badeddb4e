import type { GoldenPathContext, GoldenPathState, StepOutcome } from './golden-path.js';
import type { RehearsalObservations } from './observations.js';
import { observe } from './outcome.js';

/** Step 2: register the harness receiver's endpoint and store its secret (or use the partner's own endpoint). */
export async function registerEndpoint(
  { client, receiver, recorder, audit, runId }: GoldenPathContext,
  observations: RehearsalObservations,
  state: GoldenPathState,
): Promise<StepOutcome> {
  const { webhook } = observations.config;
  if (webhook.mode === 'partner-receiver' || !receiver) {
    return { ok: state.endpointId !== null, detail: `using your registered endpoint ${state.endpointId}` };
  }
  const endpoint = await observe(
    client.createWebhookEndpoint({
      url: webhook.publicUrl ?? receiver.url,
      eventTypes: ['claim.status_changed', 'sandbox.test'],
      description: `launch rehearsal ${runId}`,
    }),
  );
  observations.endpoint = endpoint;
  if (!endpoint.ok) return { ok: false, detail: endpoint.error.code };
  const created = endpoint.value;
  receiver.setSecrets([created.secret]);
  audit.know(created.secret, 'webhook_secret');
  state.endpointId = created.id;
  recorder.knownIds.endpointId = created.id;
  const readBack = await observe(client.getWebhookEndpoint(created.id));
  observations.endpointReadBack = readBack.ok
    ? {
        ok: true,
        meta: readBack.meta,
        value: {
          secretPrefix: readBack.value.secretPrefix,
          showsFullSecret: JSON.stringify(readBack.value).includes(created.secret),
        },
      }
    : readBack;
  return { ok: true, detail: `endpoint ${created.id}, secret ${created.secretPrefix}… stored in memory` };
}

/** Step 3: a synthetic sandbox delivery, verified by the receiver before it is routed. */
export async function sendSyntheticDelivery(
  { client, receiver }: GoldenPathContext,
  observations: RehearsalObservations,
  state: GoldenPathState,
): Promise<StepOutcome> {
  if (!state.endpointId) return { ok: false, detail: 'no endpoint to deliver to' };
  const test = await observe(client.sendSandboxWebhookTest({ endpointId: state.endpointId }));
  observations.webhookTest = test;
  if (!test.ok) return { ok: false, detail: test.error.code };
  if (!receiver) return { ok: true, detail: `delivery ${test.value.deliveryId} sent to your receiver` };
  try {
    observations.webhookTestReceipt = await receiver.waitFor(
      (entry) => entry.eventId === test.value.eventId,
      observations.config.waitTimeoutMs,
    );
  } catch (error) {
    observations.webhookTestReceiptError = (error as Error).message;
  }
  const receipt = observations.webhookTestReceipt;
  const verified = receipt?.verified === true;
  return {
    ok: verified,
    detail: `delivery ${test.value.deliveryId}: ${receipt?.failure ?? (verified ? 'verified' : 'not received')}`,
  };
}
