import { z } from 'zod';
import { GATE_IDS, type GateId } from '../gates/catalog.js';
import { GradeReport } from '../grading/shared/report.js';
import { DriftSection, HistoryEntry, MonitorSection, ProviderSnapshot } from './monitor-schema.js';

/**
 * 2 added `evidence` (where the evidence came from and what it does not prove) and
 * `contract.pinOrigin`; every field of version 1 is unchanged.
 */
export const PACKET_SCHEMA_VERSION = 2;

export const Verdict = z.enum(['pass', 'fail', 'not_run']);
export type Verdict = z.infer<typeof Verdict>;

export const Target = z.enum(['mock', 'sandbox', 'production']);
export type Target = z.infer<typeof Target>;

/** One fact a gate relied on, with the identifiers that let support find it again. */
export const EvidenceItem = z.object({
  label: z.string(),
  value: z.string(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

/** One HTTP attempt of a call: a retried failure keeps its own request id and error code. */
export const AttemptFields = z.object({
  attempt: z.number().int().min(1),
  status: z.number().int().nullable(),
  requestId: z.string().nullable(),
  errorCode: z.string().nullable(),
});
export type AttemptFields = z.infer<typeof AttemptFields>;

/** The checklist's "minimum log fields", for one request. */
export const LogFields = z.object({
  step: z.string().nullable(),
  operationId: z.string(),
  method: z.string(),
  route: z.string(),
  timestamp: z.string(),
  environment: z.string().nullable(),
  status: z.number().int().nullable(),
  outcome: z.enum(['ok', 'error']),
  errorCode: z.string().nullable(),
  requestId: z.string().nullable(),
  correlationId: z.string().nullable(),
  /** The W3C trace id the call's `traceparent` carried. Added within schema version 2: older packets parse as null. */
  traceId: z.string().nullable().default(null),
  idempotencyKey: z.string().nullable(),
  replayed: z.boolean(),
  // 0 when no request of its own was sent (e.g. its OAuth token request failed first).
  attempts: z.number().int().min(0),
  /** Every attempt, in order. Added within schema version 1: a packet written before it parses as `[]`. */
  attemptLog: z.array(AttemptFields).default(() => []),
  durationMs: z.number().min(0),
  partnerOrgId: z.string().nullable(),
  ids: z.record(z.string(), z.string()),
});
export type LogFields = z.infer<typeof LogFields>;

export const GateResult = z.object({
  id: z.enum(GATE_IDS as [GateId, ...GateId[]]),
  title: z.string(),
  route: z.string(),
  mustProve: z.string(),
  evidenceToKeep: z.string(),
  verdict: Verdict,
  /** Why this verdict: for a failure, what to fix; for not_run, why it was not checked. */
  reason: z.string(),
  checks: z.array(z.object({ name: z.string(), verdict: Verdict, detail: z.string() })),
  evidence: z.array(EvidenceItem),
  requestIds: z.array(z.string()),
  durationMs: z.number().min(0),
});
export type GateResult = z.infer<typeof GateResult>;

export const TimelineEntry = z.object({
  at: z.string(),
  step: z.string(),
  detail: z.string(),
  ok: z.boolean(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Artifact = z.object({
  kind: z.enum(['openapi', 'pact', 'starter']),
  path: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  contractHash: z.string().nullable(),
});
export type Artifact = z.infer<typeof Artifact>;

/** Where the pinned contract hash came from: the partner's own artifacts, or (mock target only) the harness. */
export const PinOrigin = z.enum([
  'partner_openapi_file',
  'partner_pact_dir',
  'partner_contract_hash',
  'shipped_contract',
]);
export type PinOrigin = z.infer<typeof PinOrigin>;

/** Where the evidence of a run came from: the harness's reference mock, or a real DutyClaims host. */
export const EvidenceSource = z.enum(['reference_mock', 'live_target']);
export type EvidenceSource = z.infer<typeof EvidenceSource>;

/** Something live traffic needs that this run did not prove, and the run that would prove it. */
export const Unproven = z.object({
  id: z.enum(['live_target', 'production_credential', 'writes']),
  /** Why this run does not prove it. */
  reason: z.string(),
  /** The run that would prove it, as a command line (placeholders in angle brackets). */
  proveWith: z.string(),
});
export type Unproven = z.infer<typeof Unproven>;

/** What the evidence of this run is, and is not, good for. Machine-readable: never infer it from prose. */
export const EvidenceScope = z.object({
  source: EvidenceSource,
  /** For people: "reference mock rehearsal (not evidence for live traffic)". */
  label: z.string(),
  /** True only for a READY run on a live target with nothing in `unproven`. */
  supportsLiveTraffic: z.boolean(),
  unproven: z.array(Unproven),
});
export type EvidenceScope = z.infer<typeof EvidenceScope>;

export const Owners = z.object({
  credentialRotation: z.string().nullable(),
  secretStorage: z.string().nullable(),
  rollback: z.string().nullable(),
  cutover: z.string().nullable(),
});
export type Owners = z.infer<typeof Owners>;

export const EscalationTemplate = z.object({
  route: z.string().nullable(),
  timestamp: z.string().nullable(),
  requestId: z.string().nullable(),
  correlationId: z.string().nullable(),
  /** The W3C trace id of the anchor call, for the provider's tracing. Added within schema version 2. */
  traceId: z.string().nullable().default(null),
  partnerOrgId: z.string().nullable(),
  claimId: z.string().nullable(),
  jobId: z.string().nullable(),
  cutoverOwner: z.string().nullable(),
  /**
   * Every attempt of the anchor call when it took more than one ("503 service_unavailable req_… → 202
   * req_…"), so a retried failure's request id reaches support. Added within schema version 1.
   */
  attempts: z.string().nullable().default(null),
});
export type EscalationTemplate = z.infer<typeof EscalationTemplate>;

/** The launch packet: what a run proved, with the evidence, in a form support can act on. */
export const LaunchPacket = z.object({
  schemaVersion: z.literal(PACKET_SCHEMA_VERSION),
  tool: z.object({ name: z.string(), version: z.string() }),
  run: z.object({
    id: z.string(),
    /** `observe`: the partner's own traffic through the observe proxy (the evidence label names the host). */
    mode: z.enum(['rehearsal', 'smoke', 'observe']),
    readOnly: z.boolean(),
    startedAt: z.string(),
    finishedAt: z.string(),
    durationMs: z.number().min(0),
    /** The command that produced the run, e.g. `dutyclaims-launch rehearse --junit`; null when not known. */
    command: z.string().nullable().default(null),
    /** The partner build the run tested, from the CI's variables or git; each field null when not known. */
    build: z
      .object({ commit: z.string().nullable(), branch: z.string().nullable(), ciRunUrl: z.string().nullable() })
      .default({ commit: null, branch: null, ciRunUrl: null }),
  }),
  target: z.object({
    kind: Target,
    baseUrl: z.string(),
    host: z.string(),
    /** The environment the provider reported, or null if it was never read. */
    environment: z.string().nullable(),
    partnerOrgId: z.string(),
  }),
  contract: z.object({
    pinnedHash: z.string(),
    pinnedFrom: z.string(),
    pinOrigin: PinOrigin,
    servedHash: z.string().nullable(),
    version: z.string().nullable(),
  }),
  credential: z.object({ shape: z.string(), prefix: z.string() }),
  artifacts: z.array(Artifact),
  owners: Owners,
  /** `ready` only when every gate passed; anything not run keeps it from being ready. */
  verdict: z.enum(['ready', 'not_ready']),
  /** Whether a `ready` verdict is evidence for asking for live traffic, and what is still unproven. */
  evidence: EvidenceScope,
  summary: z.object({ pass: z.number().int(), fail: z.number().int(), notRun: z.number().int() }),
  gates: z.array(GateResult),
  webhook: z.object({
    endpointId: z.string().nullable(),
    secretPrefix: z.string().nullable(),
    syntheticTest: z.string().nullable(),
    deliveryIds: z.array(z.string()),
  }),
  escalation: EscalationTemplate,
  logFields: z.array(LogFields),
  timeline: z.array(TimelineEntry),
  /**
   * Grades of the partner's own integration (`grade-webhook`, `grade-client`). They never change the
   * gates or `verdict`. Added within schema version 1: a packet without it parses as `[]`.
   */
  grades: z.array(GradeReport).default(() => []),
  /**
   * What the provider showed (families, scopes, headers, error codes, rate limits, latency), for `diff`
   * and `--baseline`. Added within schema version 2: an older packet parses as null.
   */
  snapshot: ProviderSnapshot.nullable().default(null),
  /** The nightly watch of a smoke run (health, time budget, deliveries, security); null for a rehearsal. */
  monitor: MonitorSection.nullable().default(null),
  /** Changes since the baseline packet (`smoke --baseline FILE`); null when none was given. */
  drift: DriftSection.nullable().default(null),
  /** The rollback plan the run was given (DUTYCLAIMS_ROLLBACK_PLAN_FILE), as written; null when none. */
  rollbackPlan: z.object({ file: z.string(), text: z.string() }).nullable().default(null),
  /** The last runs from `history.jsonl` in the output directory, oldest first, this run last. */
  history: z.array(HistoryEntry).default(() => []),
});
export type LaunchPacket = z.infer<typeof LaunchPacket>;
