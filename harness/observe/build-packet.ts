import { traceIdOf } from '../client/trace-context.js';
import { packageVersion } from '../contract/package-root.js';
import type { GradeReport } from '../grading/shared/report.js';
import { evidenceScope } from '../packet/evidence-scope.js';
import {
  type GateResult,
  type LaunchPacket,
  type LogFields,
  type Owners,
  PACKET_SCHEMA_VERSION,
} from '../packet/schema.js';
import { summarizeGates } from '../packet/verdict.js';
import type { JournalEntry } from '../reference-mock/index.js';
import { describeBuild } from '../rehearsal/build-info.js';
import { trafficEscalation } from './gates/flow-gates.js';
import type { TrafficEvidence } from './gates/traffic.js';
import { isWrite } from './options.js';

/** The most log lines and timeline entries a packet keeps (the newest); the journal itself is bounded too. */
export const PACKET_TRAFFIC_LIMIT = 500;

export interface ObservePacketInput {
  readonly runId: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly command: string | null;
  readonly traffic: TrafficEvidence;
  /** True when the proxy forwarded reads only (production without --allow-production-writes). */
  readonly readOnly: boolean;
  readonly gates: readonly GateResult[];
  readonly grades: readonly GradeReport[];
}

const logFields = (entry: JournalEntry, environment: string, partnerOrgId: string | null): LogFields => ({
  step: entry.fault === null ? null : `fault: ${entry.fault}`,
  operationId: entry.operationId ?? 'unknown',
  method: entry.method,
  route: entry.path,
  timestamp: new Date(entry.receivedAt).toISOString(),
  environment,
  traceId: traceIdOf(entry.traceparent),
  status: entry.status,
  outcome: entry.status !== null && entry.status < 300 ? 'ok' : 'error',
  errorCode: entry.errorCode,
  requestId: entry.requestId,
  correlationId: entry.correlationIdSent,
  idempotencyKey: entry.idempotencyKey,
  replayed: entry.replayed,
  attempts: 1,
  attemptLog: [{ attempt: 1, status: entry.status, requestId: entry.requestId, errorCode: entry.errorCode }],
  durationMs: Math.round(entry.durationMs * 10) / 10,
  partnerOrgId,
  ids: {},
});

function credentialOf(journal: readonly JournalEntry[]): LaunchPacket['credential'] {
  const prefix = journal.find((e) => e.credentialPrefix !== null)?.credentialPrefix ?? null;
  if (prefix === null) return { shape: 'none', prefix: '' };
  return { shape: prefix.startsWith('dc_oat_') ? 'oauth' : 'api_key', prefix };
}

/**
 * The launch packet of an observed run: the gates judged from the partner's own traffic, the client
 * grades of the same journal, and the evidence source (partner traffic through the proxy, which host).
 */
export function buildObservePacket(input: ObservePacketInput): LaunchPacket {
  const { traffic, gates } = input;
  const escalation = trafficEscalation(traffic);
  const summary = summarizeGates(gates);
  const shown = traffic.journal
    .filter((e) => isWrite(e) || e.status === null || e.status >= 300)
    .slice(-PACKET_TRAFFIC_LIMIT);
  const packet: LaunchPacket = {
    schemaVersion: PACKET_SCHEMA_VERSION,
    tool: { name: '@dutyclaims/launch-harness', version: packageVersion() },
    run: {
      id: input.runId,
      mode: 'observe',
      readOnly: input.readOnly,
      startedAt: input.startedAt.toISOString(),
      finishedAt: input.finishedAt.toISOString(),
      durationMs: input.finishedAt.getTime() - input.startedAt.getTime(),
      command: input.command,
      build: describeBuild(),
    },
    target: {
      kind: traffic.target,
      baseUrl: traffic.upstream.baseUrl,
      host: traffic.upstream.host,
      environment: traffic.upstream.environment,
      partnerOrgId: escalation.partnerOrgId ?? 'not seen in the traffic',
    },
    contract: {
      pinnedHash: traffic.pinnedHash,
      pinnedFrom: '--contract-hash',
      pinOrigin: 'partner_contract_hash',
      servedHash: traffic.upstream.contractHash,
      version: null,
    },
    credential: credentialOf(traffic.journal),
    artifacts: [],
    owners: traffic.owners satisfies Owners,
    verdict: summary.verdict,
    evidence: { source: 'live_target', label: '', supportsLiveTraffic: false, unproven: [] },
    summary: summary.summary,
    gates: [...gates],
    webhook: { endpointId: null, secretPrefix: null, syntheticTest: null, deliveryIds: [] },
    escalation,
    logFields: shown.map((e) => logFields(e, traffic.upstream.environment, escalation.partnerOrgId)),
    timeline: traffic.journal.slice(-PACKET_TRAFFIC_LIMIT).map((e) => ({
      at: new Date(e.receivedAt).toISOString(),
      step: e.operationId ?? 'unknown route',
      detail: `${e.method} ${e.path} -> ${e.status ?? 'no answer'}${e.fault ? ` [fault: ${e.fault}]` : ''} (${e.requestId})`,
      ok: e.status !== null && e.status < 400,
    })),
    grades: [...input.grades],
    // The nightly watch, drift and history belong to smoke runs; the rollback plan to a rehearsal.
    snapshot: null,
    monitor: null,
    drift: null,
    rollbackPlan: null,
    history: [],
  };
  return { ...packet, evidence: evidenceScope(packet) };
}
