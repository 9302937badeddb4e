import { createHash } from 'node:crypto';
import { GATES, type GateId } from '../../harness/gates/catalog.js';
import type { GradeReport } from '../../harness/grading/shared/report.js';
import type { GateResult, LaunchPacket, LogFields } from '../../harness/packet/schema.js';

/** The full secrets the sample run used; the packet must only ever show their prefixes. */
export const SAMPLE_SECRETS = {
  apiKey: 'dc_test_7k2m9q4x8p3v6w1z5n0b4c8d2f6g0h3j',
  webhookSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwR4nT',
  oauthClientSecret: 'ocs_Hq7Vb2Nw9Xe4Rt6Yu1Io3Pa5Sd8Fg0',
} as const;

const PARTNER_ORG = 'porg_4m8q2x7k9p3v6w1z5n0b';
const CLIENT = 'cli_8d2f6g0h3j7k2m9q4x8p';
const CLAIM = 'clm_3v6w1z5n0b4c8d2f6g0h';
const ENDPOINT = 'we_6g0h3j7k2m9q4x8p3v6w';
const DELIVERIES = ['whd_1z5n0b4c8d2f6g0h3j7k', 'whd_9q4x8p3v6w1z5n0b4c8d'] as const;
const PINNED = '4d430a74e95b56a1';
const SERVED = 'ae140b8f3b926d06';
const BASE = Date.parse('2026-11-22T09:30:00.000Z');

const at = (seconds: number) => new Date(BASE + seconds * 1000).toISOString();
const req = (n: number) => `req_${String(n).padStart(2, '0')}k7m2q9x4p8v3w6z1n`;
const corr = (n: number) => `corr_${String(n).padStart(2, '0')}b4c8d2f6g0h3j7k2m`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const log = (
  n: number,
  seconds: number,
  fields: Partial<LogFields> & Pick<LogFields, 'operationId' | 'method' | 'route'>,
) =>
  ({
    step: null,
    timestamp: at(seconds),
    environment: 'sandbox',
    status: 200,
    outcome: 'ok',
    errorCode: null,
    requestId: req(n),
    correlationId: corr(n),
    traceId: `4bf92f3577b34da6a3ce929d0e0e47${String(n).padStart(2, '0')}`,
    idempotencyKey: null,
    replayed: false,
    attempts: 1,
    attemptLog: [{ attempt: 1, status: 200, requestId: req(n), errorCode: null }],
    durationMs: 40 + n * 3,
    partnerOrgId: PARTNER_ORG,
    ids: {},
    ...fields,
  }) satisfies LogFields;

const LOG_FIELDS: LogFields[] = [
  log(1, 1, {
    step: '1',
    operationId: 'getPartnerOrganization',
    method: 'GET',
    route: 'GET /v1/partner-organizations/{partnerOrgId}',
  }),
  log(2, 2, {
    operationId: 'getPartnerOrganization',
    method: 'GET',
    route: 'GET /v1/partner-organizations/{partnerOrgId}',
    status: 401,
    outcome: 'error',
    errorCode: 'credential_wrong_environment',
  }),
  log(3, 3, {
    operationId: 'getCapabilities',
    method: 'GET',
    route: 'GET /v1/partner-organizations/{partnerOrgId}/capabilities',
  }),
  log(4, 5, {
    step: '2',
    operationId: 'createWebhookEndpoint',
    method: 'POST',
    route: 'POST /v1/webhooks/endpoints',
    status: 201,
    idempotencyKey: 'launch-2026-11-22-endpoint-01',
    ids: { webhookEndpointId: ENDPOINT },
  }),
  log(5, 7, {
    step: '3',
    operationId: 'sendSandboxWebhookTest',
    method: 'POST',
    route: 'POST /v1/sandbox/webhooks/test',
    status: 202,
    idempotencyKey: 'launch-2026-11-22-webhook-test-01',
    ids: { webhookEndpointId: ENDPOINT, deliveryId: DELIVERIES[0] },
  }),
  log(6, 9, {
    step: '4',
    operationId: 'createClient',
    method: 'POST',
    route: 'POST /v1/clients',
    status: 201,
    idempotencyKey: 'launch-2026-11-22-client-01',
    ids: { clientId: CLIENT },
  }),
  log(7, 10, {
    operationId: 'createClient',
    method: 'POST',
    route: 'POST /v1/clients',
    status: 409,
    outcome: 'error',
    errorCode: 'client_already_exists',
    idempotencyKey: 'launch-2026-11-22-client-02',
    ids: { clientId: CLIENT },
  }),
  log(8, 12, {
    step: '5',
    operationId: 'getClientAuthority',
    method: 'GET',
    route: 'GET /v1/clients/{clientId}/authority',
    ids: { clientId: CLIENT },
  }),
  log(9, 14, {
    step: '6',
    operationId: 'createClaim',
    method: 'POST',
    route: 'POST /v1/claims',
    status: 202,
    idempotencyKey: 'launch-2026-11-22-claim-01',
    attempts: 2,
    attemptLog: [
      { attempt: 1, status: 503, requestId: 'req_0000000000000000r503', errorCode: 'service_unavailable' },
      { attempt: 2, status: 202, requestId: req(9), errorCode: null },
    ],
    durationMs: 1312,
    ids: { clientId: CLIENT, claimId: CLAIM },
  }),
  log(10, 16, {
    operationId: 'createClaim',
    method: 'POST',
    route: 'POST /v1/claims',
    status: 202,
    idempotencyKey: 'launch-2026-11-22-claim-01',
    replayed: true,
    ids: { clientId: CLIENT, claimId: CLAIM },
  }),
  log(11, 20, {
    step: '7',
    operationId: 'getClaimStatus',
    method: 'GET',
    route: 'GET /v1/claims/{claimId}/status',
    ids: { claimId: CLAIM },
  }),
  log(12, 22, {
    operationId: 'listWebhookDeliveries',
    method: 'GET',
    route: 'GET /v1/webhook-deliveries',
    ids: { deliveryId: DELIVERIES[1] },
  }),
];

type GateDetails = Pick<GateResult, 'verdict' | 'reason' | 'checks' | 'evidence' | 'requestIds' | 'durationMs'>;
const pass = (name: string, detail: string) => ({ name, verdict: 'pass' as const, detail });

const DETAILS: Record<GateId, GateDetails> = {
  'environment-and-contract-pin': {
    verdict: 'fail',
    reason: `The provider serves contract ${SERVED}, but this build was pinned to ${PINNED}. Regenerate your OpenAPI, starter files and examples from the served contract (or point at the deployment you pinned), then re-run.`,
    checks: [
      pass('Partner org matches the tenant', `${PARTNER_ORG} answered with environment "sandbox".`),
      pass('DutyClaims-Environment header agrees with the body', 'Both say "sandbox".'),
      { name: 'Served contract hash equals the pin', verdict: 'fail', detail: `Served ${SERVED}, pinned ${PINNED}.` },
    ],
    evidence: [
      { label: 'Target host', value: 'sandbox.dutyclaims.example' },
      { label: 'Served contract hash', value: SERVED },
      { label: 'Pinned contract hash', value: PINNED },
    ],
    requestIds: [req(1)],
    durationMs: 61,
  },
  'credential-and-header-discipline': {
    verdict: 'pass',
    reason: 'Sandbox accepted the dc_test_ key for an authenticated read and rejected it with the wrong environment.',
    checks: [
      pass('Authenticated read succeeds', 'GET capabilities answered 200 with the api_key_test shape listed.'),
      pass('Wrong-environment credential is refused', '401 credential_wrong_environment, as documented.'),
    ],
    evidence: [
      { label: 'Credential', value: 'dc_test_7k2m… (api_key_test)' },
      { label: 'Rotation owner', value: 'Dana Ortiz <dana.ortiz@partner.example>' },
      { label: 'Secret storage', value: 'Vault: secret/dutyclaims/sandbox' },
    ],
    requestIds: [req(3), req(2)],
    durationMs: 98,
  },
  'traceability-and-idempotency': {
    verdict: 'pass',
    reason: 'The claim write sent Idempotency-Key and X-Correlation-Id; the retry replayed the stored response.',
    checks: [
      pass('Write sends Idempotency-Key', 'launch-2026-11-22-claim-01'),
      pass('Retry after 503 reuses the key', 'Attempt 2 succeeded with the same key.'),
      pass('Replay is marked', 'Idempotent-Replayed: true with a new request id.'),
    ],
    evidence: [
      { label: 'Idempotency key', value: 'launch-2026-11-22-claim-01' },
      { label: 'Request id', value: req(9) },
      { label: 'Correlation id', value: corr(9) },
    ],
    requestIds: [req(9), req(10)],
    durationMs: 1420,
  },
  'webhook-readiness': {
    verdict: 'not_run',
    reason:
      'Not run: no receiving-service URL was configured, so the harness could not prove that your service verifies the HMAC before routing. Re-run with --receiver-url <url>.',
    checks: [
      pass('Endpoint registered', `${ENDPOINT} with secret prefix whsec_MfKQ9r.`),
      { name: 'Receiver verified a synthetic delivery', verdict: 'not_run', detail: 'No receiver URL was given.' },
    ],
    evidence: [{ label: 'Webhook endpoint', value: ENDPOINT }],
    requestIds: [req(4), req(5)],
    durationMs: 230,
  },
  'golden-path-rehearsal': {
    verdict: 'pass',
    reason: 'Client, authority, claim, status read and webhook observation all succeeded in one run.',
    checks: [
      pass('Client created or linked', CLIENT),
      pass('Authority granted before the claim', 'authority: granted'),
      pass('Claim accepted', `${CLAIM} reached "accepted".`),
      pass('Status read and webhook agree', `${DELIVERIES[1]} carried claim.status_changed -> accepted.`),
    ],
    evidence: [
      { label: 'Client id', value: CLIENT },
      { label: 'Claim id', value: CLAIM },
      { label: 'Webhook deliveries', value: DELIVERIES.join(', ') },
    ],
    requestIds: [req(6), req(8), req(9), req(11)],
    durationMs: 2210,
  },
  'support-and-rollback-packet': {
    verdict: 'pass',
    reason: 'Escalation template is complete and both rotation and rollback owners are named.',
    checks: [
      pass(
        'Escalation template complete',
        'route, timestamp, request id, correlation id, partner org, claim id, cutover owner',
      ),
      pass('Owners named', 'credential rotation and rollback'),
    ],
    evidence: [{ label: 'Cutover owner', value: 'Priya Raman <priya.raman@partner.example>' }],
    requestIds: [req(12)],
    durationMs: 44,
  },
};

const RECEIVER = 'http://127.0.0.1:8080/webhooks';
const SIGNATURE = `t=1795253340,v1=${'5f0c2a9e'.repeat(8)}`;
const delivery = (label: string, event: string, answer: string) =>
  `[${label}] POST ${RECEIVER} event=evt_${event} delivery=whd_${event} headers {"DutyClaims-Signature":"${SIGNATURE}"} body "{\\"type\\":\\"claim.status_changed\\"}" -> ${answer}`;
const graded = (
  id: string,
  title: string,
  verdict: GradeReport['checks'][number]['verdict'],
  reason: string,
  evidence: string[],
) => ({ id, title, verdict, reason, evidence });

/** A webhook-receiver grade of the partner's receiver: four checks pass, one fails, one is not graded. */
export function sampleGradeReport(): GradeReport {
  return {
    grader: 'webhook-receiver',
    target: RECEIVER,
    startedAt: at(-120),
    finishedAt: at(-116),
    settings: {
      scheme: 'dutyclaims',
      secret: `${SAMPLE_SECRETS.webhookSecret.slice(0, 12)}…`,
      toleranceSeconds: '300',
      ackTimeoutMs: '5000',
      processedEvents: 'none',
    },
    checks: [
      graded(
        'valid-delivery',
        'A valid signed delivery is acknowledged 2xx within the ack timeout (5 s)',
        'pass',
        'acknowledged 200 in 4 ms',
        [delivery('valid', '01a2b3c4d5e6f7g8h9j0', '200 in 4 ms')],
      ),
      graded(
        'tampered-body',
        'A delivery whose body changed after signing is rejected',
        'fail',
        'acknowledged (tampered body -> 200): verify the HMAC over the raw body bytes before acknowledging',
        [delivery('tampered body', '02a2b3c4d5e6f7g8h9j0', '200 in 3 ms')],
      ),
      graded('wrong-secret', 'A delivery signed with another secret is rejected', 'pass', 'rejected with 401', [
        delivery('wrong secret', '03a2b3c4d5e6f7g8h9j0', '401 in 2 ms'),
      ]),
      graded(
        'malformed-signature',
        'A delivery with a malformed signature header is rejected',
        'pass',
        'all 5 variants rejected with 400',
        ['no t=', 'no v1=', 'v1 not hex', 't not a number', 'empty header'].map((label, n) =>
          delivery(label, `0${n + 4}a2b3c4d5e6f7g8h9j0`, '400 in 2 ms'),
        ),
      ),
      graded(
        'stale-timestamp',
        'A delivery signed longer ago than the tolerance is rejected',
        'pass',
        'rejected with 400',
        [delivery('signed 301 s ago', '09a2b3c4d5e6f7g8h9j0', '400 in 2 ms')],
      ),
      graded(
        'duplicate-processed-once',
        'A duplicate delivery of the same event is acknowledged but processed once',
        'not_graded',
        'both deliveries were acknowledged; no processed-events hook was given (--processed-url or --processed-command), so processing cannot be observed; expose one in test mode to grade this',
        [
          delivery('duplicate 1', '10a2b3c4d5e6f7g8h9j0', '200 in 3 ms'),
          delivery('duplicate 2', '10a2b3c4d5e6f7g8h9j0', '200 in 2 ms'),
        ],
      ),
    ],
  };
}

/**
 * A realistic packet from a sandbox rehearsal: six gates, one failed (contract pin) and one not run, and
 * one webhook-receiver grade with a failed and a not-graded check.
 */
export function samplePacket(): LaunchPacket {
  const gates = GATES.map((gate) => ({ ...gate, ...DETAILS[gate.id] }));
  return {
    schemaVersion: 2,
    tool: { name: '@dutyclaims/launch-harness', version: '0.1.0' },
    run: {
      id: 'run_2026-11-22T0930Z_5n0b',
      mode: 'rehearsal',
      readOnly: false,
      startedAt: at(0),
      finishedAt: at(24),
      durationMs: 24_000,
      command: 'dutyclaims-launch rehearse --target sandbox --junit',
      build: {
        commit: '3f9c2a1d8e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a',
        branch: 'release/2026-11',
        ciRunUrl: 'https://ci.partner.example/acme-erp/runs/4412',
      },
    },
    target: {
      kind: 'sandbox',
      baseUrl: 'https://sandbox.dutyclaims.example',
      host: 'sandbox.dutyclaims.example',
      environment: 'sandbox',
      partnerOrgId: PARTNER_ORG,
    },
    contract: {
      pinnedHash: PINNED,
      pinnedFrom: 'DUTYCLAIMS_OPENAPI_FILE (openapi/dutyclaims.json)',
      pinOrigin: 'partner_openapi_file',
      servedHash: SERVED,
      version: '1.0.0',
    },
    credential: { shape: 'api_key_test', prefix: SAMPLE_SECRETS.apiKey.slice(0, 12) },
    artifacts: [
      { kind: 'openapi', path: 'openapi/dutyclaims.json', sha256: sha256('openapi'), contractHash: PINNED },
      { kind: 'pact', path: 'pacts/partner-app-dutyclaims.json', sha256: sha256('pact'), contractHash: PINNED },
    ],
    owners: {
      credentialRotation: 'Dana Ortiz <dana.ortiz@partner.example>',
      secretStorage: 'Vault: secret/dutyclaims/sandbox',
      rollback: 'Sam Lee (on-call lead) <sam.lee@partner.example>',
      cutover: 'Priya Raman <priya.raman@partner.example>',
    },
    verdict: 'not_ready',
    evidence: {
      source: 'live_target',
      label: 'sandbox rehearsal on sandbox.dutyclaims.example',
      supportsLiveTraffic: false,
      unproven: [],
    },
    summary: { pass: 4, fail: 1, notRun: 1 },
    gates,
    webhook: {
      endpointId: ENDPOINT,
      secretPrefix: SAMPLE_SECRETS.webhookSecret.slice(0, 12),
      syntheticTest: `delivered (${DELIVERIES[0]}, 200 from the harness receiver in 38 ms)`,
      deliveryIds: [...DELIVERIES],
    },
    escalation: {
      route: 'POST /v1/claims',
      timestamp: at(14),
      requestId: req(9),
      correlationId: corr(9),
      traceId: '4bf92f3577b34da6a3ce929d0e0e4709',
      partnerOrgId: PARTNER_ORG,
      claimId: CLAIM,
      jobId: null,
      cutoverOwner: 'Priya Raman <priya.raman@partner.example>',
      attempts: `1: 503 service_unavailable req_0000000000000000r503 → 2: 202 ${req(9)}`,
    },
    logFields: LOG_FIELDS,
    timeline: [
      ...LOG_FIELDS.map((fields) => ({
        at: fields.timestamp,
        step: fields.step === null ? fields.route : `Step ${fields.step}: ${fields.route}`,
        detail:
          fields.errorCode === null
            ? `${fields.status} (${fields.requestId})`
            : `${fields.status} ${fields.errorCode}, as expected (${fields.requestId})`,
        ok: true,
      })),
      {
        at: at(23),
        step: 'Contract pin',
        detail: `Served contract ${SERVED} differs from the pinned ${PINNED}.`,
        ok: false,
      },
    ],
    grades: [sampleGradeReport()],
    snapshot: null,
    monitor: null,
    drift: null,
    history: [],
    rollbackPlan: null,
  };
}
