import { randomUUID } from 'node:crypto';
import type { DutyClaimsClient } from '../client/client.js';
import { isDutyClaimsApiError } from '../client/errors.js';
import type { CreateClaimRequest } from '../contract/schemas/claims.js';
import { TERMINAL_CLAIM_STATUSES } from '../contract/schemas/claims.js';
import type { WebhookDelivery } from '../contract/schemas/webhooks.js';
import type { ReceiverLogEntry, StartedWebhookReceiver } from '../receiver/webhook-receiver.js';
import type { RehearsalObservations, StepRecord } from './observations.js';
import { observe, pollUntil } from './outcome.js';
import type { CallRecorder } from './recorder.js';

export interface GoldenPathContext {
  readonly client: DutyClaimsClient;
  readonly recorder: CallRecorder;
  readonly receiver: StartedWebhookReceiver | null;
  readonly runId: string;
  readonly onStep: (step: StepRecord) => void;
}

const MAX_DELIVERY_PAGES = 20;

function step(
  context: GoldenPathContext,
  observations: RehearsalObservations,
  number: string,
  route: string,
  ok: boolean,
  detail: string,
): boolean {
  const record = { step: number, route, at: new Date().toISOString(), ok, detail };
  observations.steps.push(record);
  context.onStep(record);
  return ok;
}

async function readDeliveryLog(
  context: GoldenPathContext,
  observations: RehearsalObservations,
  endpointId: string | null,
): Promise<void> {
  context.recorder.step = 'delivery log';
  const deliveries: WebhookDelivery[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_DELIVERY_PAGES; page += 1) {
    const outcome = await observe(
      context.client.listWebhookDeliveries({
        limit: 100,
        ...(endpointId ? { endpointId } : {}),
        ...(cursor ? { cursor } : {}),
      }),
    );
    if (!outcome.ok) {
      observations.deliveryLog = outcome;
      return;
    }
    deliveries.push(...outcome.value.data);
    observations.deliveryLog = { ok: true, value: deliveries, meta: outcome.meta };
    if (!outcome.value.hasMore || outcome.value.nextCursor === null) return;
    cursor = outcome.value.nextCursor;
  }
}

/** The read-only part: partner org, capabilities and the delivery log. Used by smoke runs. */
export async function runReadOnlyPath(context: GoldenPathContext, observations: RehearsalObservations): Promise<void> {
  await runReadOnlyPathHead(context, observations);
  await readDeliveryLog(context, observations, observations.config.webhook.endpointId);
}

/** The seed's seven-step dry run, in order, stopping at the first step that fails. */
export async function runGoldenPath(context: GoldenPathContext, observations: RehearsalObservations): Promise<void> {
  const { client, recorder, receiver, runId } = context;
  const { config } = observations;
  const timeout = config.waitTimeoutMs;
  await runReadOnlyPathHead(context, observations);
  if (!observations.partnerOrg?.ok) return;

  // Step 2: register the endpoint (or use the partner's own) and store the secret.
  recorder.step = '2';
  let endpointId = config.webhook.endpointId;
  if (config.webhook.mode === 'harness-receiver' && receiver) {
    const url = config.webhook.publicUrl ?? receiver.url;
    observations.endpoint = await observe(
      client.createWebhookEndpoint({
        url,
        eventTypes: ['claim.status_changed', 'sandbox.test'],
        description: `launch rehearsal ${runId}`,
      }),
    );
    if (!observations.endpoint.ok)
      return void step(
        context,
        observations,
        '2',
        'POST /v1/webhooks/endpoints',
        false,
        observations.endpoint.error.code,
      );
    const created = observations.endpoint.value;
    receiver.setSecrets([created.secret]);
    endpointId = created.id;
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
    step(
      context,
      observations,
      '2',
      'POST /v1/webhooks/endpoints',
      true,
      `endpoint ${created.id}, secret ${created.secretPrefix}… stored in memory`,
    );
  } else {
    step(
      context,
      observations,
      '2',
      'POST /v1/webhooks/endpoints',
      endpointId !== null,
      `using your registered endpoint ${endpointId}`,
    );
  }
  if (!endpointId) return;

  // Step 3: a synthetic sandbox delivery, verified by the receiver.
  recorder.step = '3';
  observations.webhookTest = await observe(client.sendSandboxWebhookTest({ endpointId }));
  if (!observations.webhookTest.ok)
    return void step(
      context,
      observations,
      '3',
      'POST /v1/sandbox/webhooks/test',
      false,
      observations.webhookTest.error.code,
    );
  const test = observations.webhookTest.value;
  if (receiver) {
    try {
      observations.webhookTestReceipt = await receiver.waitFor((entry) => entry.eventId === test.eventId, timeout);
    } catch (error) {
      observations.webhookTestReceiptError = (error as Error).message;
    }
  }
  const received = receiver === null || observations.webhookTestReceipt?.verified === true;
  if (
    !step(
      context,
      observations,
      '3',
      'POST /v1/sandbox/webhooks/test',
      received,
      receiver
        ? `delivery ${test.deliveryId}: ${observations.webhookTestReceipt?.failure ?? (received ? 'verified' : 'not received')}`
        : `delivery ${test.deliveryId} sent to your receiver`,
    )
  )
    return;

  // Step 4: create or link the client.
  recorder.step = '4';
  const externalRef = config.clientExternalRef ?? `launch-rehearsal-${runId}`;
  observations.client = await createOrLinkClient(client, externalRef);
  if (!observations.client.ok)
    return void step(context, observations, '4', 'POST /v1/clients', false, observations.client.error.code);
  const clientId = observations.client.value.id;
  recorder.knownIds.clientId = clientId;
  step(
    context,
    observations,
    '4',
    'POST /v1/clients',
    true,
    `client ${clientId}${observations.client.value.linked ? ' (linked)' : ''}`,
  );

  // Step 5: authority must be granted before claim work starts.
  recorder.step = '5';
  const authority = await pollUntil(
    () => observe(client.getClientAuthority(clientId)),
    (value) => value.status !== 'pending',
    timeout,
  );
  observations.authority = authority.outcome;
  const granted = authority.outcome.ok && authority.outcome.value.status === 'granted';
  if (
    !step(
      context,
      observations,
      '5',
      'GET /v1/clients/{clientId}/authority',
      granted,
      authority.outcome.ok
        ? `${authority.outcome.value.status} after ${authority.polls} read(s)${authority.timedOut ? `, still pending after ${timeout} ms` : ''}`
        : authority.outcome.error.code,
    )
  )
    return;

  // Step 6: the replay-safe write, then its replay.
  recorder.step = '6';
  const body: CreateClaimRequest = {
    clientId,
    claimType: 'duty_drawback',
    amount: { currency: 'GBP', value: '1.00' },
    reference: `launch-rehearsal-${runId}`,
  };
  const idempotencyKey = `launch-${runId}-${randomUUID()}`;
  const claim = await observe(client.createClaim(body, { idempotencyKey }));
  observations.claim = claim;
  if (!claim.ok) return void step(context, observations, '6', 'POST /v1/claims', false, claim.error.code);
  recorder.knownIds.claimId = claim.value.id;
  recorder.knownIds.jobId = claim.value.jobId;
  recorder.step = '6 (replay)';
  observations.replay = await observe(client.createClaim(body, { idempotencyKey }));
  step(context, observations, '6', 'POST /v1/claims', true, `claim ${claim.value.id}, job ${claim.value.jobId}`);
  const claimId = claim.value.id;

  // Step 7: status reads until final, and the deliveries that must agree with them.
  recorder.step = '7';
  const status = await pollUntil(
    () => observe(client.getClaimStatus(claimId)),
    (value) => TERMINAL_CLAIM_STATUSES.includes(value.status),
    timeout,
  );
  observations.status = status.outcome;
  if (receiver && status.outcome.ok) {
    const final = status.outcome.value.status;
    try {
      await receiver.waitFor((entry) => deliveredStatus(entry, claimId) === final, timeout);
    } catch (error) {
      observations.claimDeliveriesError = `${(error as Error).message} (waiting for the ${final} delivery of ${claimId}).`;
    }
    observations.claimDeliveries = receiver.log.filter(
      (entry) => entry.routed && deliveredStatus(entry, claimId) !== null,
    );
  }
  step(
    context,
    observations,
    '7',
    'GET /v1/claims/{claimId}/status',
    status.outcome.ok && !status.timedOut,
    status.outcome.ok ? `${status.outcome.value.status} after ${status.polls} read(s)` : status.outcome.error.code,
  );

  await readDeliveryLog(context, observations, endpointId);
}

async function runReadOnlyPathHead(context: GoldenPathContext, observations: RehearsalObservations): Promise<void> {
  const { client, recorder } = context;
  const orgId = observations.target.partnerOrgId;
  recorder.step = '1';
  observations.partnerOrg = await observe(client.getPartnerOrganization(orgId));
  step(
    context,
    observations,
    '1',
    'GET /v1/partner-organizations/{partnerOrgId}',
    observations.partnerOrg.ok,
    observations.partnerOrg.ok
      ? `${observations.partnerOrg.value.environment}, contract ${observations.partnerOrg.value.contract.hash}`
      : observations.partnerOrg.error.code,
  );
  recorder.step = 'capabilities';
  observations.capabilities = await observe(client.getCapabilities(orgId));
}

/** The status a verified claim.status_changed delivery reports for this claim, else null. */
function deliveredStatus(entry: ReceiverLogEntry, claimId: string): string | null {
  const event = entry.verified ? entry.event : null;
  return event?.type === 'claim.status_changed' && event.data.claimId === claimId ? event.data.status : null;
}

/** Creates the client, or links to the existing one the provider names in its 409 `resourceId`. */
async function createOrLinkClient(
  client: DutyClaimsClient,
  externalRef: string,
): Promise<NonNullable<RehearsalObservations['client']>> {
  try {
    const { data, meta } = await client.createClient({ externalRef, name: 'Launch rehearsal client', country: 'GB' });
    return { ok: true, meta, value: { id: data.id, linked: false } };
  } catch (error) {
    const existing =
      isDutyClaimsApiError(error) && error.code === 'client_already_exists'
        ? error.envelope?.error.resourceId
        : undefined;
    if (existing && isDutyClaimsApiError(error))
      return { ok: true, meta: error.meta, value: { id: existing, linked: true } };
    return observe(Promise.reject(error));
  }
}
