import { randomUUID } from 'node:crypto';
import { isDutyClaimsApiError } from '../client/errors.js';
import type { CreateClaimRequest } from '../contract/schemas/claims.js';
import { TERMINAL_CLAIM_STATUSES } from '../contract/schemas/claims.js';
import type { ReceiverLogEntry } from '../receiver/webhook-receiver.js';
import type { GoldenPathContext, GoldenPathState, StepOutcome } from './golden-path.js';
import type { RehearsalObservations } from './observations.js';
import { observe, pollUntil } from './outcome.js';

/** Step 4: create the client, or link to the one the provider names in its 409 `resourceId`. */
export async function createOrLinkClient(
  { client, recorder, runId }: GoldenPathContext,
  observations: RehearsalObservations,
  state: GoldenPathState,
): Promise<StepOutcome> {
  const externalRef = observations.config.clientExternalRef ?? `launch-rehearsal-${runId}`;
  try {
    const { data, meta } = await client.createClient({ externalRef, name: 'Launch rehearsal client', country: 'GB' });
    observations.client = { ok: true, meta, value: { id: data.id, linked: false } };
  } catch (error) {
    const existing =
      isDutyClaimsApiError(error) && error.code === 'client_already_exists'
        ? error.envelope?.error.resourceId
        : undefined;
    observations.client =
      existing && isDutyClaimsApiError(error)
        ? { ok: true, meta: error.meta, value: { id: existing, linked: true } }
        : await observe(Promise.reject(error));
  }
  if (!observations.client.ok) return { ok: false, detail: observations.client.error.code };
  state.clientId = observations.client.value.id;
  recorder.knownIds.clientId = state.clientId;
  return { ok: true, detail: `client ${state.clientId}${observations.client.value.linked ? ' (linked)' : ''}` };
}

/** Step 5: authority must be granted before any claim work starts. */
export async function awaitAuthority(
  { client }: GoldenPathContext,
  observations: RehearsalObservations,
  { clientId }: GoldenPathState,
): Promise<StepOutcome> {
  if (!clientId) return { ok: false, detail: 'no client' };
  const timeout = observations.config.waitTimeoutMs;
  const { outcome, polls, timedOut } = await pollUntil(
    () => observe(client.getClientAuthority(clientId)),
    (value) => value.status !== 'pending',
    timeout,
  );
  observations.authority = outcome;
  if (!outcome.ok) return { ok: false, detail: outcome.error.code };
  return {
    ok: outcome.value.status === 'granted',
    detail: `${outcome.value.status} after ${polls} read(s)${timedOut ? `, still pending after ${timeout} ms` : ''}`,
  };
}

/** Step 6: the replay-safe write, then its replay with the same key and body. */
export async function writeClaim(
  { client, recorder, runId }: GoldenPathContext,
  observations: RehearsalObservations,
  state: GoldenPathState,
): Promise<StepOutcome> {
  if (!state.clientId) return { ok: false, detail: 'no client' };
  const body: CreateClaimRequest = {
    clientId: state.clientId,
    claimType: 'duty_drawback',
    amount: { currency: 'GBP', value: '1.00' },
    reference: `launch-rehearsal-${runId}`,
  };
  const idempotencyKey = `launch-${runId}-${randomUUID()}`;
  const claim = await observe(client.createClaim(body, { idempotencyKey }));
  observations.claim = claim;
  if (!claim.ok) return { ok: false, detail: claim.error.code };
  state.claimId = claim.value.id;
  recorder.knownIds.claimId = claim.value.id;
  recorder.knownIds.jobId = claim.value.jobId;
  recorder.step = '6 (replay)';
  observations.replay = await observe(client.createClaim(body, { idempotencyKey }));
  return { ok: true, detail: `claim ${claim.value.id}, job ${claim.value.jobId}` };
}

/** The status a verified claim.status_changed delivery reports for this claim, else null. */
function deliveredStatus(entry: ReceiverLogEntry, claimId: string): string | null {
  const event = entry.verified ? entry.event : null;
  return event?.type === 'claim.status_changed' && event.data.claimId === claimId ? event.data.status : null;
}

/** Step 7: status reads until a final state, and the verified deliveries that must agree with them. */
export async function readStatusUntilFinal(
  { client, receiver }: GoldenPathContext,
  observations: RehearsalObservations,
  state: GoldenPathState,
): Promise<StepOutcome> {
  const { claimId } = state;
  if (!claimId) return { ok: false, detail: 'no claim' };
  const timeout = observations.config.waitTimeoutMs;
  const { outcome, polls, timedOut } = await pollUntil(
    () => observe(client.getClaimStatus(claimId)),
    (value) => TERMINAL_CLAIM_STATUSES.includes(value.status),
    timeout,
  );
  observations.status = outcome;
  if (!outcome.ok) return { ok: false, detail: outcome.error.code };
  const endpointId = state.endpointId;
  if (!receiver && endpointId && !timedOut) {
    // The partner's own receiver: give the provider time to log a delivery per status change, so the
    // delivery log read next is not judged before the last delivery was made.
    const changes = outcome.value.history.length;
    const since = observations.claim?.ok ? observations.claim.value.createdAt : '';
    await pollUntil(
      () => observe(client.listWebhookDeliveries({ limit: 100, endpointId })),
      (page) =>
        page.data.filter(
          (item) => item.eventType === 'claim.status_changed' && item.status === 'succeeded' && item.createdAt >= since,
        ).length >= changes,
      timeout,
    );
  }
  if (receiver) {
    const final = outcome.value.status;
    try {
      await receiver.waitFor((entry) => deliveredStatus(entry, claimId) === final, timeout);
    } catch (error) {
      observations.claimDeliveriesError = `${(error as Error).message} (waiting for the ${final} delivery of ${claimId}).`;
    }
    observations.claimDeliveries = receiver.log.filter(
      (entry) => entry.routed && deliveredStatus(entry, claimId) !== null,
    );
  }
  return { ok: !timedOut, detail: `${outcome.value.status} after ${polls} read(s)` };
}
