import { routes } from '../../contract/index.js';
import { type Check, check, fail, gateResult, pass } from '../../gates/gate-result.js';
import { WEBHOOK_RECEIVER_GRADER } from '../../grading/webhook-receiver/grade.js';
import { reportVerdict } from '../../packet/grades.js';
import type { GateResult } from '../../packet/schema.js';
import type { JournalEntry } from '../../reference-mock/index.js';
import { isWrite } from '../options.js';
import { answered, answerOf, exchange, type TrafficEvidence, unseen } from './traffic.js';

const takesKey = (entry: JournalEntry) =>
  Object.values(routes).some((r) => r.operationId === entry.operationId && r.idempotencyKey !== 'none');

const list = (entries: readonly JournalEntry[]) =>
  entries
    .slice(0, 5)
    .map((e) => `${e.method} ${e.path} (${e.requestId})`)
    .join(', ') + (entries.length > 5 ? ` and ${entries.length - 5} more` : '');

/**
 * Each write whose answer was lost after it ran, with its retries (the later requests with the same
 * method and path, up to the first answered 2xx) and that answer.
 */
function lostAndRetried(journal: readonly JournalEntry[]) {
  return journal.flatMap((lost, index) => {
    if (lost.fault !== 'lost_response' || !isWrite(lost)) return [];
    const later = journal.slice(index + 1).filter((e) => e.method === lost.method && e.path === lost.path);
    const end = later.findIndex((e) => e.status !== null && e.status < 300);
    const attempts = end < 0 ? later : later.slice(0, end + 1);
    return [{ lost, attempts, retry: end < 0 ? undefined : later[end] }];
  });
}

const claimIdOf = (body: unknown) => (body as { id?: unknown } | null)?.id;

/**
 * Gate 3 from traffic: every write sends Idempotency-Key (where the route takes one) and
 * X-Correlation-Id, every answer returns a request id, and a write whose answer was lost is replayed.
 */
export function traceabilityGate(traffic: TrafficEvidence): GateResult {
  const writes = traffic.journal.filter(isWrite);
  const claim = answered(traffic, 'createClaim')[0];
  const noKey = writes.filter((e) => takesKey(e) && e.idempotencyKey === null);
  const noCorrelation = writes.filter((e) => e.correlationIdSent === null);
  const replays = lostAndRetried(traffic.journal);
  const retried = replays.filter(({ retry }) => retry?.status != null && retry.status < 300);
  const notReplayed = retried.filter(({ retry }) => !retry?.replayed);
  const otherClaim = retried.filter(
    ({ lost, retry }) => claimIdOf(answerOf(traffic, lost)?.body) !== claimIdOf(answerOf(traffic, retry)?.body),
  );
  const checks: Check[] = [
    claim
      ? pass('claim write', `POST /v1/claims answered ${claim.status} (${claim.requestId}).`)
      : unseen('claim write', 'a successful POST /v1/claims', 'Run the write your integration ships.'),
    ...(writes.length === 0
      ? []
      : [
          check(
            'Idempotency-Key sent',
            noKey.length === 0,
            `Every write that takes an Idempotency-Key sent one (${writes.length} write(s)).`,
            `Sent without Idempotency-Key: ${list(noKey)}. Create one key per operation and send it on every attempt.`,
          ),
          check(
            'X-Correlation-Id sent',
            noCorrelation.length === 0,
            `Every write sent X-Correlation-Id.`,
            `Sent without X-Correlation-Id: ${list(noCorrelation)}.`,
          ),
          check(
            'requestId captured',
            traffic.facts.withoutRequestId.length === 0,
            'Every provider answer returned X-Request-Id for the partner to keep.',
            `Answers without X-Request-Id: ${traffic.facts.withoutRequestId.join(', ')}.`,
          ),
        ]),
    retried.length === 0
      ? unseen(
          'replay is marked as replayed',
          replays.length > 0
            ? 'a successful retry of a write whose answer was lost'
            : 'a write whose answer was lost after it ran',
          'Add {"kind":"lost_response","match":{"operationId":"createClaim"}} to --faults and let your client retry.',
        )
      : check(
          'replay is marked as replayed',
          notReplayed.length === 0,
          `${retried.length} retried write(s) were answered as replays (Idempotent-Replayed: true).`,
          notReplayed
            .map(
              ({ lost, retry }) =>
                `${lost.method} ${lost.path} ran as ${lost.requestId}, its answer was lost, and the retry ${retry?.requestId} was not a replay (${retry?.idempotencyKey === lost.idempotencyKey ? 'same key' : 'a new Idempotency-Key'}): the write ran twice.`,
            )
            .join(' '),
        ),
    ...(retried.some(({ lost }) => lost.operationId === 'createClaim')
      ? [
          check(
            'replay returns the same claim',
            otherClaim.length === 0,
            'The replay returned the claim the lost answer held.',
            `The retry returned another claim than the one created by ${otherClaim[0]?.lost.requestId}: keep the first attempt's Idempotency-Key.`,
          ),
        ]
      : []),
  ];
  return gateResult('traceability-and-idempotency', {
    checks,
    evidence: [
      ...(claim ? [exchange('claim write', claim)] : []),
      ...replays.flatMap(({ lost, attempts }) => [
        exchange('write whose answer was lost', lost),
        ...attempts.map((attempt) => exchange('its retry', attempt)),
      ]),
    ],
    requestIds: [
      ...(claim ? [claim.requestId] : []),
      ...replays.flatMap(({ lost, attempts }) => [lost.requestId, ...attempts.map((attempt) => attempt.requestId)]),
    ],
  });
}

/** The synthetic delivery as the delivery log showed it last: acknowledged (succeeded), failed, or not seen. */
function acknowledged(traffic: TrafficEvidence, test: JournalEntry | undefined): Check {
  const name = 'delivery acknowledged by your receiver';
  const deliveryId = (answerOf(traffic, test)?.body as { deliveryId?: unknown } | undefined)?.deliveryId;
  const seen = traffic.facts.answers
    .filter((a) => a.operationId === 'listWebhookDeliveries')
    .flatMap(
      (a) => ((a.body as { data?: unknown } | null)?.data as { id?: unknown; status?: unknown }[] | undefined) ?? [],
    )
    .filter((delivery) => delivery.id === deliveryId)
    .at(-1);
  if (typeof deliveryId !== 'string' || seen === undefined || seen.status === 'pending' || seen.status === 'retrying')
    return unseen(
      name,
      'the synthetic delivery settled in the delivery log',
      'Read GET /v1/webhook-deliveries after the sandbox test was delivered.',
    );
  return check(
    name,
    seen.status === 'succeeded',
    `Delivery ${deliveryId} succeeded.`,
    `Delivery ${deliveryId} is ${String(seen.status)}: your receiver did not acknowledge it with a 2xx.`,
  );
}

/** Verification happens in the receiver: proven by a grade-webhook report of it, never by the proxy. */
function verified(traffic: TrafficEvidence): Check {
  const name = 'verified against the raw body';
  const reports = traffic.receiverReports.filter((report) => report.grader === WEBHOOK_RECEIVER_GRADER);
  const failed = reports.filter((report) => reportVerdict(report) === 'fail');
  const passed = reports.filter((report) => reportVerdict(report) === 'pass');
  if (failed.length > 0)
    return fail(
      name,
      `grade-webhook failed your receiver ${failed[0]?.target}: ${failed[0]?.checks
        .filter((c) => c.verdict === 'fail')
        .map((c) => c.id)
        .join(', ')}.`,
    );
  if (passed.length > 0)
    return pass(
      name,
      `grade-webhook passed every check of your receiver ${passed.map((r) => r.target).join(', ')} (signature over the raw body, freshness, dedupe).`,
    );
  return unseen(
    name,
    "the receiving service's verification (the proxy sees only the provider's side)",
    'Prove it with dutyclaims-launch grade-webhook --json > receiver.json and pass --grade-report receiver.json, or merge a rehearse packet.',
  );
}

/**
 * Gate 4 from traffic: an endpoint registered, a synthetic delivery sent and acknowledged; the
 * receiver's verification comes from a grade-webhook report (the proxy never sees the receiver).
 */
export function webhookGate(traffic: TrafficEvidence): GateResult {
  const endpoint = answered(traffic, 'createWebhookEndpoint')[0];
  const test = answered(traffic, 'sendSandboxWebhookTest')[0];
  const checks: Check[] = [
    endpoint
      ? pass('endpoint registered', `Registered (${endpoint.requestId}).`)
      : unseen('endpoint registered', 'POST /v1/webhooks/endpoints', 'Register your endpoint in the observed flow.'),
    test
      ? pass('synthetic delivery sent', `Sent (${test.requestId}).`)
      : unseen(
          'synthetic delivery sent',
          'POST /v1/sandbox/webhooks/test',
          'Send a sandbox test delivery in the observed flow.',
        ),
    acknowledged(traffic, test),
    verified(traffic),
  ];
  return gateResult('webhook-readiness', {
    checks,
    evidence: [
      ...(endpoint ? [exchange('endpoint registered', endpoint)] : []),
      ...(test ? [exchange('synthetic delivery', test)] : []),
    ],
    requestIds: [endpoint?.requestId, test?.requestId].filter((id): id is string => id !== undefined),
  });
}
