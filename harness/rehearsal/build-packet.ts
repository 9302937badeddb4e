import { packageVersion } from '../contract/package-root.js';
import { buildEscalationTemplate } from '../gates/support-and-rollback-packet.js';
import { evidenceScope } from '../packet/evidence-scope.js';
import type { MonitorSection, ProviderSnapshot } from '../packet/monitor-schema.js';
import { type GateResult, type LaunchPacket, PACKET_SCHEMA_VERSION } from '../packet/schema.js';
import { findSecrets } from '../packet/secret-scan.js';
import { inTimeOrder } from '../packet/timeline.js';
import { summarizeGates } from '../packet/verdict.js';
import type { BuildInfo } from './build-info.js';
import type { RehearsalObservations } from './observations.js';
import type { CallRecorder } from './recorder.js';

export interface PacketInput {
  readonly runId: string;
  readonly startedAt: Date;
  readonly observations: RehearsalObservations;
  readonly gates: readonly GateResult[];
  readonly recorder: CallRecorder;
  /** The command that produced the run, for the packet (null: not known). */
  readonly command?: string | null;
  /** The partner build under test (describeBuildInBackground, started with the run). */
  readonly build: BuildInfo;
  /** What the provider showed, for `diff` and `--baseline` (null: not recorded). */
  readonly snapshot?: ProviderSnapshot | null;
  /** The nightly watch of a read-only run (null: a rehearsal). */
  readonly monitor?: MonitorSection | null;
}

/** Time spent in the calls behind a gate (their request ids), in milliseconds. */
const durationOf = (requestIds: readonly string[], recorder: CallRecorder) =>
  Math.round(
    recorder.calls
      .filter((call) => call.requestId !== null && requestIds.includes(call.requestId))
      .reduce((sum, call) => sum + call.durationMs, 0),
  );

/** The plan as the packet shows it; a plan holding a secret is withheld (its check says why), never written. */
function packetPlan({ rollbackPlan: plan }: RehearsalObservations): LaunchPacket['rollbackPlan'] {
  if (plan === null || !('text' in plan)) return null;
  if (findSecrets(plan.text).length > 0) return { file: plan.file, text: '(withheld: the plan holds a secret)' };
  return { file: plan.file, text: plan.text };
}

/** Assembles the launch packet from what the run observed and what the gates concluded. */
export function buildLaunchPacket({
  runId,
  startedAt,
  observations,
  gates,
  recorder,
  command = null,
  snapshot = null,
  monitor = null,
  build,
}: PacketInput): LaunchPacket {
  const finishedAt = new Date();
  const { config, target, partnerOrg, endpoint, webhookTest } = observations;
  const count = (verdict: GateResult['verdict']) => gates.filter((gate) => gate.verdict === verdict).length;
  const receiverTimeline = observations.receiverLog.map((entry) => ({
    at: entry.receivedAt,
    step: 'receiver',
    detail: `delivery ${entry.deliveryId} event ${entry.eventId} ${entry.eventType ?? ''}: ${entry.verified ? 'verified' : `rejected (${entry.failure})`}${entry.duplicate ? ', duplicate' : ''}`,
    ok: entry.verified,
  }));
  const deliveryIds = new Set(
    observations.receiverLog.flatMap((entry) => (entry.deliveryId ? [entry.deliveryId] : [])),
  );
  if (webhookTest?.ok) deliveryIds.add(webhookTest.value.deliveryId);
  const packet: LaunchPacket = {
    schemaVersion: PACKET_SCHEMA_VERSION,
    tool: { name: '@dutyclaims/launch-harness', version: packageVersion() },
    run: {
      id: runId,
      mode: config.mode,
      readOnly: config.readOnly,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      command,
      build,
    },
    target: {
      kind: config.target,
      baseUrl: target.baseUrl,
      host: target.host,
      environment: partnerOrg?.ok ? partnerOrg.value.environment : null,
      partnerOrgId: target.partnerOrgId,
    },
    contract: {
      pinnedHash: config.pin.hash,
      pinnedFrom: config.pin.source,
      pinOrigin: config.pin.origin,
      servedHash: partnerOrg?.ok ? partnerOrg.value.contract.hash : (partnerOrg?.meta?.contractHash ?? null),
      version: partnerOrg?.ok ? partnerOrg.value.contract.version : null,
    },
    credential: { shape: observations.credential.kind, prefix: observations.credential.prefix },
    artifacts: [...observations.artifacts],
    owners: config.owners,
    verdict: summarizeGates(gates).verdict,
    // Filled in below from the finished packet, so it can only ever describe this run.
    evidence: { source: 'reference_mock', label: '', supportsLiveTraffic: false, unproven: [] },
    summary: { pass: count('pass'), fail: count('fail'), notRun: count('not_run') },
    gates: gates.map((gate) => ({ ...gate, durationMs: durationOf(gate.requestIds, recorder) })),
    webhook: {
      endpointId: endpoint?.ok ? endpoint.value.id : config.webhook.endpointId,
      secretPrefix: endpoint?.ok ? endpoint.value.secretPrefix : null,
      syntheticTest: observations.webhookTestReceipt
        ? `${observations.webhookTestReceipt.verified ? 'verified' : `rejected: ${observations.webhookTestReceipt.failure}`} (delivery ${observations.webhookTestReceipt.deliveryId})`
        : webhookTest?.ok
          ? `sent as delivery ${webhookTest.value.deliveryId}`
          : null,
      deliveryIds: [...deliveryIds],
    },
    escalation: buildEscalationTemplate(observations),
    logFields: recorder.writesAndFailures(),
    timeline: inTimeOrder([...recorder.timeline, ...receiverTimeline]),
    // Grade reports of the partner's own integration are attached by the caller (rehearse --grade-report).
    grades: [],
    snapshot,
    monitor,
    // Set by the caller that compares with a baseline and keeps the history (smoke --baseline).
    drift: null,
    history: [],
    rollbackPlan: packetPlan(observations),
  };
  return { ...packet, evidence: evidenceScope(packet) };
}
