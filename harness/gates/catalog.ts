/**
 * The six gates of the DutyClaims Production Launch Checklist, as the checklist states them. The wording
 * of "mustProve" and "evidenceToKeep" is the checklist's own, so the packet reads like the page
 * support already knows.
 */
export const GATES = [
  {
    id: 'environment-and-contract-pin',
    title: 'Environment and contract pin',
    route: 'GET /v1/partner-organizations/{partnerOrgId}',
    mustProve:
      'Your integration points at the intended DutyClaims environment and the same contract hash that produced your downloaded OpenAPI, starter files, and examples.',
    evidenceToKeep:
      'Record the target host, contract hash, and the exact generated artifacts the team used during the rehearsal.',
  },
  {
    id: 'credential-and-header-discipline',
    title: 'Credential and header discipline',
    route: 'GET /v1/partner-organizations/{partnerOrgId}/capabilities',
    mustProve:
      'Production traffic uses the credential shape the current route family actually publishes. Do not treat sandbox OAuth as proof of a production flow.',
    evidenceToKeep:
      'Keep one successful authenticated read plus the rotation owner and secret-storage location for the live credential.',
  },
  {
    id: 'traceability-and-idempotency',
    title: 'Traceability and idempotency',
    route: 'POST /v1/claims',
    mustProve:
      'Write paths send and persist `Idempotency-Key`, `X-Correlation-Id`, and the returned request identifiers so retries and support escalations stay replay-safe.',
    evidenceToKeep:
      'Capture one write log showing the outbound idempotency key plus the response `requestId` and `correlationId`.',
  },
  {
    id: 'webhook-readiness',
    title: 'Webhook readiness',
    route: 'POST /v1/sandbox/webhooks/test',
    mustProve:
      'The receiving service stores the signing secret, verifies the HMAC against the raw body, and routes only after verification succeeds.',
    evidenceToKeep:
      'Keep one successful endpoint registration plus one successful synthetic sandbox delivery and the receiving-service log entry that validated it.',
  },
  {
    id: 'golden-path-rehearsal',
    title: 'Golden-path rehearsal',
    route: 'GET /v1/claims/{claimId}/status',
    mustProve:
      'You have run the actual flow you intend to ship, not just isolated curl calls: client, authority, claim creation, status read, and webhook observation.',
    evidenceToKeep:
      'Record the partner client ID, claim ID, and any webhook delivery identifiers from the rehearsal run.',
  },
  {
    id: 'support-and-rollback-packet',
    title: 'Support and rollback packet',
    route: 'GET /v1/webhook-deliveries',
    mustProve:
      'On-call and partner-support teams know which metadata to include when traffic misbehaves and how to fall back during migration windows.',
    evidenceToKeep:
      'Prepare the escalation template with route, timestamp, request ID, correlation ID, partner org, claim/job ID, and the current cutover owner.',
  },
] as const;

export type GateId = (typeof GATES)[number]['id'];
export type GateSpec = (typeof GATES)[number];

export const GATE_IDS = GATES.map((gate) => gate.id) as readonly GateId[];

/** The checklist's seven-step dry-run route sequence. */
export const DRY_RUN_STEPS = [
  {
    step: 1,
    route: 'GET /v1/partner-organizations/{partnerOrgId}',
    successSignal: 'Partner org and environment match the tenant you intend to launch.',
  },
  {
    step: 2,
    route: 'POST /v1/webhooks/endpoints',
    successSignal: 'Endpoint is registered and the signing secret is stored outside source control.',
  },
  {
    step: 3,
    route: 'POST /v1/sandbox/webhooks/test',
    successSignal: 'Receiver validates the signature and records the event.',
  },
  {
    step: 4,
    route: 'POST /v1/clients',
    successSignal: 'The canonical client identifier is created or linked and persisted by your app.',
  },
  {
    step: 5,
    route: 'GET /v1/clients/{clientId}/authority',
    successSignal: 'Authority state is truthful before any downstream claim or notification work starts.',
  },
  {
    step: 6,
    route: 'POST /v1/claims',
    successSignal: 'A write path succeeds with replay-safe headers and returns stable identifiers.',
  },
  {
    step: 7,
    route: 'GET /v1/claims/{claimId}/status',
    successSignal: 'Status reads and webhook deliveries agree on the lifecycle change you triggered.',
  },
] as const;

/**
 * Every check each gate can report, by name; `{family}`, `{path}` stand for a route family or a pact
 * file. A gate that reports a check missing here is a bug (gateResult throws), and every check here
 * has a test in which a misbehaving provider makes it fail (test/gates/every-check-can-fail.test.ts).
 */
export const GATE_CHECKS = {
  'environment-and-contract-pin': [
    'partner organization read',
    'partner org matches',
    'environment is the intended one',
    'environment header agrees',
    'contract hash matches the pin',
    'contract hash header agrees',
    'pact {path} pinned to the served contract',
  ],
  'credential-and-header-discipline': [
    'credential fits the target environment',
    'authenticated read',
    'not sandbox OAuth on production',
    '{family}: published',
    '{family}: credential shape accepted',
    '{family}: scopes granted',
    '{family}: shippable availability',
    'no scope beyond the need',
    'no credential in provider responses',
    'rotation owner recorded',
    'secret storage recorded',
    'key rotation: no failed call across the switch',
    'key rotation: old key accepted inside the grace',
    'key rotation: old key refused after the grace',
    'secret rotation: every overlap delivery accepted',
  ],
  'traceability-and-idempotency': [
    'claim write',
    'Idempotency-Key sent',
    'X-Correlation-Id sent',
    'requestId captured',
    'replay returns the same claim',
    'replay is marked as replayed',
  ],
  'webhook-readiness': [
    'endpoint registered',
    'secret shown only once',
    'synthetic delivery sent',
    'delivery received',
    'verified against the raw body',
    'routed only after verification',
    'delivery acknowledged by your receiver',
  ],
  'golden-path-rehearsal': [
    'dry-run sequence ran in order',
    'client created or linked',
    'authority granted before claim work',
    'status read',
    'lifecycle reached a final state',
    'deliveries agree with the status read',
  ],
  'support-and-rollback-packet': [
    'delivery log read back',
    'escalation template complete',
    'rollback owner recorded',
    'rollback plan recorded',
  ],
} as const satisfies Record<GateId, readonly string[]>;

/** The catalogued check a reported check name is an instance of, or null. */
export function catalogCheckOf(gate: GateId, name: string): string | null {
  const matches = (pattern: string) =>
    new RegExp(`^${pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[a-z]+\}/g, '.+')}$`).test(name);
  return (GATE_CHECKS[gate] as readonly string[]).find(matches) ?? null;
}
