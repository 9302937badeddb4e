import { setTimeout as sleep } from 'node:timers/promises';
import type { StartedWebhookReceiver } from '../receiver/webhook-receiver.js';
import type { RehearsalObservations } from './observations.js';
import { type RotationContext, rotateApiKey } from './rotate-api-key.js';
import { rotateWebhookSecret } from './rotate-webhook-secret.js';
import { type RotationObservation, skippedRotation } from './rotation-observation.js';

/** How a rotation lets provider time pass: the mock's clock (advanced over its control plane), or a real wait. */
export interface RotationClock {
  readonly kind: 'mock' | 'real';
  advance(ms: number): Promise<void>;
}

/** A clock that waits in real time: a sandbox grace the partner keeps short. */
export const realRotationClock: RotationClock = { kind: 'real', advance: (ms) => sleep(ms) };

/** Why this run does not rotate, or null when it does. */
function skipReason(observations: RehearsalObservations): string | null {
  const { config } = observations;
  if (!config.rotation.requested)
    return 'Not run: key and secret rotation was not asked for. Run `dutyclaims-launch rehearse --rotation` (or set DUTYCLAIMS_ROTATION=on) to rehearse it.';
  if (config.readOnly)
    return 'Not run: this run is read-only, and rotating a key needs writes. Rehearse rotation in sandbox.';
  if (observations.credential.kind !== 'api_key')
    return 'Not run: this run authenticates with OAuth client credentials; key rotation is rehearsed with an API key (DUTYCLAIMS_API_KEY).';
  if (observations.credentialRefused !== null || observations.halted !== null || !observations.partnerOrg?.ok)
    return 'Not run: the golden path did not get past step 1, so there is no working key to rotate.';
  return null;
}

/**
 * After the golden path: rotates the run's API key, then the webhook endpoint's signing secret, and
 * records what each call and delivery saw in `observations.rotation`.
 */
export async function runRotation(
  ctx: Omit<RotationContext, 'waitOut'> & {
    readonly clock: RotationClock;
    readonly receiver: StartedWebhookReceiver | null;
  },
  observations: RehearsalObservations,
): Promise<RotationObservation> {
  const { graceSeconds } = observations.config.rotation;
  const skipped = skipReason(observations);
  if (skipped !== null) return skippedRotation(skipped, graceSeconds);
  const observation: RotationObservation = {
    ...skippedRotation('', graceSeconds),
    skipped: null,
    secretSkipped: null,
    clock: ctx.clock.kind,
  };
  const rotation: RotationContext = { ...ctx, waitOut: (ms) => ctx.clock.advance(ms) };
  await rotateApiKey(rotation, observation);

  const endpoint = observations.endpoint;
  if (ctx.receiver === null || observations.config.webhook.mode === 'partner-receiver')
    observation.secretSkipped =
      'Not run: deliveries go to your own receiver (DUTYCLAIMS_WEBHOOK_ENDPOINT_ID), which learns a new secret outside this run. Grade its overlap handling with `dutyclaims-launch grade-webhook`.';
  else if (!endpoint?.ok) observation.secretSkipped = 'Not run: the golden path registered no webhook endpoint.';
  else {
    try {
      await rotateWebhookSecret(
        { ...rotation, key: () => ctx.runKey, mockClock: ctx.clock.kind === 'mock' },
        ctx.receiver,
        { id: endpoint.value.id, secret: endpoint.value.secret },
        observation,
      );
    } catch (error) {
      observation.secretError = (error as Error).message;
    }
  }
  return observation;
}
