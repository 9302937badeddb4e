import type { DutyClaimsClient } from '../client/client.js';
import { DRY_RUN_STEPS } from '../gates/catalog.js';
import type { StartedWebhookReceiver } from '../receiver/webhook-receiver.js';
import { readDeliveryLog } from './delivery-log.js';
import type { RehearsalObservations, StepRecord } from './observations.js';
import { observe } from './outcome.js';
import type { CallRecorder } from './recorder.js';
import type { ResponseAudit } from './response-audit.js';
import { awaitAuthority, createOrLinkClient, readStatusUntilFinal, writeClaim } from './steps-claims.js';
import { registerEndpoint, sendSyntheticDelivery } from './steps-webhooks.js';

export interface GoldenPathContext {
  readonly client: DutyClaimsClient;
  readonly recorder: CallRecorder;
  readonly audit: ResponseAudit;
  readonly receiver: StartedWebhookReceiver | null;
  readonly runId: string;
  readonly onStep: (step: StepRecord) => void;
  /** Runs after the steps and the delivery log read, while the run's endpoint still takes deliveries (the rotation). */
  readonly beforeCleanup?: () => Promise<void>;
}

/** What the steps learn and hand to the next one. */
export interface GoldenPathState {
  endpointId: string | null;
  clientId: string | null;
  claimId: string | null;
}

export interface StepOutcome {
  readonly ok: boolean;
  readonly detail: string;
}

export type DryRunStep = (
  context: GoldenPathContext,
  observations: RehearsalObservations,
  state: GoldenPathState,
) => Promise<StepOutcome>;

/**
 * Why step 1 must stop the run before any write, or null: the provider reports (in the body or the
 * DutyClaims-Environment header) another environment than the intended one, or serves another
 * contract than the one the partner's artifacts were pinned to.
 */
function haltReason(observations: RehearsalObservations): string | null {
  const { partnerOrg, target, config } = observations;
  if (!partnerOrg?.ok) return null;
  const intended = target.expectedEnvironment;
  const reported = [
    ['the partner organization', partnerOrg.value.environment],
    ['DutyClaims-Environment', partnerOrg.meta.environment],
  ].filter(([, value]) => value !== null && value !== intended);
  if (reported.length > 0)
    return `${target.host} reports environment ${reported.map(([where, value]) => `${value} (${where})`).join(' and ')}, but this run targets ${intended}.`;
  const served = [partnerOrg.value.contract.hash, partnerOrg.meta.contractHash].filter(
    (hash): hash is string => hash !== null && hash !== config.pin.hash,
  );
  if (served.length > 0)
    return `${target.host} serves contract ${served[0]}, but your artifacts are pinned to ${config.pin.hash}.`;
  return null;
}

async function readPartnerOrganization(
  context: GoldenPathContext,
  observations: RehearsalObservations,
): Promise<StepOutcome> {
  const orgId = observations.target.partnerOrgId;
  const partnerOrg = await observe(context.client.getPartnerOrganization(orgId));
  observations.partnerOrg = partnerOrg;
  observations.halted = haltReason(observations);
  if (observations.halted) return { ok: false, detail: `stopped before any write: ${observations.halted}` };
  context.recorder.step = 'capabilities';
  observations.capabilities = await observe(context.client.getCapabilities(orgId));
  return partnerOrg.ok
    ? { ok: true, detail: `${partnerOrg.value.environment}, contract ${partnerOrg.value.contract.hash}` }
    : { ok: false, detail: partnerOrg.error.code };
}

/** The checklist's seven steps, in the checklist's order (routes and success signals: DRY_RUN_STEPS). */
const STEPS: readonly DryRunStep[] = [
  readPartnerOrganization,
  registerEndpoint,
  sendSyntheticDelivery,
  createOrLinkClient,
  awaitAuthority,
  writeClaim,
  readStatusUntilFinal,
];

/** Runs steps in order and stops at the first that fails; every step is recorded as it ends. */
async function runSteps(
  context: GoldenPathContext,
  observations: RehearsalObservations,
  steps: readonly DryRunStep[],
  state: GoldenPathState,
) {
  for (const [index, run] of steps.entries()) {
    const spec = DRY_RUN_STEPS[index];
    if (!spec) throw new Error(`No dry-run step ${index + 1} in the catalog.`);
    context.recorder.step = String(spec.step);
    const { ok, detail } = await run(context, observations, state);
    const record = { step: String(spec.step), route: spec.route, at: new Date().toISOString(), ok, detail };
    observations.steps.push(record);
    context.onStep(record);
    if (!ok) return;
  }
}

/** The read-only part: partner org, capabilities and the delivery log. Used by smoke runs. */
export async function runReadOnlyPath(context: GoldenPathContext, observations: RehearsalObservations): Promise<void> {
  await runSteps(context, observations, STEPS.slice(0, 1), { endpointId: null, clientId: null, claimId: null });
  if (!observations.halted) await readDeliveryLog(context, observations, observations.config.webhook.endpointId);
}

/** The checklist's seven-step dry run, in order, stopping at the first step that fails. */
export async function runGoldenPath(context: GoldenPathContext, observations: RehearsalObservations): Promise<void> {
  const state: GoldenPathState = { endpointId: observations.config.webhook.endpointId, clientId: null, claimId: null };
  await runSteps(context, observations, STEPS, state);
  if (observations.partnerOrg?.ok && !observations.halted)
    await readDeliveryLog(context, observations, state.endpointId);
  await context.beforeCleanup?.();
  // The endpoint this run registered points at its own receiver, which is about to stop: disable it,
  // so a shared mock (or sandbox) does not keep delivering to a receiver that is gone.
  if (observations.endpoint?.ok)
    await context.client.disableWebhookEndpoint(observations.endpoint.value.id).catch(() => undefined);
}
