import type { WebhookScheme } from '../../webhooks/schemes/scheme.js';
import type { GradeCheck } from '../shared/report.js';
import { checkTitle, type WebhookReceiverCheckId } from './checks.js';
import { acknowledged, type DeliveryOutcome, describeOutcome } from './deliver.js';
import type { HookView } from './hook-view.js';
import { timesProcessed } from './processed-hook.js';

export interface EvaluationInput {
  readonly url: URL;
  readonly scheme: WebhookScheme;
  readonly ackTimeoutMs: number;
  readonly outcomes: readonly DeliveryOutcome[];
  readonly hook: HookView;
}

type RejectionCheckId = Extract<
  WebhookReceiverCheckId,
  | 'tampered-body'
  | 'wrong-secret'
  | 'missing-signature'
  | 'malformed-signature'
  | 'stale-timestamp'
  | 'future-timestamp'
  | 'reserialized-body'
>;

const REJECTION_ADVICE: Record<RejectionCheckId, string> = {
  'tampered-body': 'verify the HMAC over the raw body bytes before acknowledging',
  'wrong-secret': 'compare against the HMAC computed with your own secret(s), in constant time',
  'missing-signature': 'treat a missing signature header as a failed verification',
  'malformed-signature': 'fail closed when the signature header does not parse',
  'stale-timestamp': 'reject signed timestamps older than the tolerance (replay protection)',
  'future-timestamp': 'reject signed timestamps further ahead than the tolerance',
  'reserialized-body':
    'the receiver verifies re-serialised JSON: compute the HMAC over the body exactly as received, before parsing it',
};

const check = (
  id: WebhookReceiverCheckId,
  verdict: GradeCheck['verdict'],
  reason: string,
  evidence: string[],
): GradeCheck => ({
  id,
  title: checkTitle(id),
  verdict,
  reason,
  evidence,
});

const answer = (outcome: DeliveryOutcome) =>
  outcome.status === null ? `no answer (${outcome.error})` : `${outcome.status} in ${outcome.durationMs} ms`;

/**
 * A check for which the battery sent nothing: there is no answer to judge, so it is never a pass
 * (with a custom scheme, e.g. one whose `malformed()` returns no variants).
 */
function nothingSent(input: EvaluationInput, id: WebhookReceiverCheckId): GradeCheck {
  const next =
    id === 'malformed-signature'
      ? `make the scheme's malformed() return at least one malformed signature header`
      : 'check that the scheme signs every delivery of the battery';
  return check(
    id,
    'not_graded',
    `no delivery was sent for this check with the ${input.scheme.id} scheme, so nothing was observed: ${next}`,
    [],
  );
}

function rejection(input: EvaluationInput, id: RejectionCheckId): GradeCheck {
  const outcomes = input.outcomes.filter((outcome) => outcome.delivery.checkId === id);
  if (outcomes.length === 0) return nothingSent(input, id);
  const evidence = outcomes.map((outcome) => describeOutcome(input.url, outcome));
  const accepted = outcomes.filter(acknowledged);
  if (accepted.length > 0) {
    const which = accepted.map((outcome) => `${outcome.delivery.label} -> ${outcome.status}`).join('; ');
    return check(id, 'fail', `acknowledged (${which}): ${REJECTION_ADVICE[id]}`, evidence);
  }
  const unanswered = outcomes.filter((outcome) => outcome.status === null);
  if (unanswered.length > 0) {
    const which = unanswered.map((outcome) => `${outcome.delivery.label}: ${outcome.error}`).join('; ');
    return check(id, 'fail', `no HTTP answer (${which}): answer non-2xx (e.g. 400) promptly`, evidence);
  }
  const statuses = [...new Set(outcomes.map((outcome) => outcome.status))].join('/');
  const count = outcomes.length === 1 ? '' : `all ${outcomes.length} variants `;
  return check(id, 'pass', `${count}rejected with ${statuses}`, evidence);
}

function rejectedNotProcessed(input: EvaluationInput): GradeCheck {
  const id = 'rejected-not-processed';
  const { hook } = input;
  if (hook.state !== 'ok')
    return check(id, 'not_graded', hook.reason, hook.state === 'unusable' ? [...hook.evidence] : []);
  const rejected = input.outcomes.filter(
    (outcome) => outcome.delivery.expectation === 'reject' && outcome.status !== null && !acknowledged(outcome),
  );
  const evidence = [
    ...hook.evidence,
    ...rejected.map(
      (outcome) =>
        `${outcome.delivery.eventId} [${outcome.delivery.label}] answered ${outcome.status}, processed ${timesProcessed(hook.reading, outcome.delivery.eventId)} time(s)`,
    ),
  ];
  if (rejected.length === 0)
    return check(
      id,
      'not_graded',
      'the receiver rejected none of the deliveries it should have (see the failing checks)',
      evidence,
    );
  const processed = rejected.filter((outcome) => timesProcessed(hook.reading, outcome.delivery.eventId) > 0);
  if (processed.length > 0) {
    const which = processed.map((outcome) => `${outcome.delivery.label} (${outcome.delivery.eventId})`).join('; ');
    return check(id, 'fail', `processed although rejected: ${which}. Verify before doing any work`, evidence);
  }
  return check(id, 'pass', `none of the ${rejected.length} rejected deliveries was processed`, evidence);
}

function accepted(input: EvaluationInput, id: 'valid-delivery' | 'rotation', failAdvice: string): GradeCheck {
  const [outcome] = input.outcomes.filter((candidate) => candidate.delivery.checkId === id);
  if (!outcome && id === 'rotation' && !input.scheme.multipleSignatures)
    return check(
      id,
      'not_graded',
      `the ${input.scheme.id} scheme carries one signature per delivery, so rotation cannot be observed from outside`,
      [],
    );
  if (!outcome) return nothingSent(input, id);
  const evidence = [describeOutcome(input.url, outcome)];
  if (!acknowledged(outcome)) {
    const timing = outcome.status === null ? ` within ${input.ackTimeoutMs} ms` : '';
    return check(id, 'fail', `not acknowledged${timing} (${answer(outcome)}): ${failAdvice}`, evidence);
  }
  const { hook } = input;
  if (hook.state !== 'ok') return check(id, 'pass', `acknowledged ${answer(outcome)}`, evidence);
  const times = timesProcessed(hook.reading, outcome.delivery.eventId);
  evidence.push(...hook.evidence, `${outcome.delivery.eventId} processed ${times} time(s)`);
  if (id === 'rotation' && times === 0)
    return check(
      id,
      'fail',
      `acknowledged ${answer(outcome)} but never processed: check every v1 signature, not only the first`,
      evidence,
    );
  return check(id, 'pass', `acknowledged ${answer(outcome)}, processed ${times} time(s)`, evidence);
}

function duplicate(input: EvaluationInput): GradeCheck {
  const id = 'duplicate-processed-once';
  const outcomes = input.outcomes.filter((outcome) => outcome.delivery.checkId === id);
  const evidence = outcomes.map((outcome) => describeOutcome(input.url, outcome));
  if (outcomes.length < 2)
    return check(
      id,
      'not_graded',
      outcomes.length === 0
        ? 'no duplicate delivery was sent (the battery delivers one event twice), so deduplication was not observed'
        : `only ${outcomes.length} of the 2 deliveries of the same event was sent, so no duplicate was observed`,
      evidence,
    );
  const unacknowledged = outcomes.filter((outcome) => !acknowledged(outcome));
  if (unacknowledged.length > 0) {
    const which = unacknowledged.map((outcome) => `${outcome.delivery.label}: ${answer(outcome)}`).join('; ');
    return check(
      id,
      'fail',
      `not acknowledged (${which}): answer 2xx to a duplicate so the provider stops retrying, and skip the work`,
      evidence,
    );
  }
  const { hook } = input;
  if (hook.state !== 'ok')
    return check(id, 'not_graded', `both deliveries were acknowledged; ${hook.reason}`, [
      ...evidence,
      ...(hook.state === 'unusable' ? hook.evidence : []),
    ]);
  const eventId = outcomes[0]?.delivery.eventId ?? '';
  const times = timesProcessed(hook.reading, eventId);
  evidence.push(...hook.evidence, `${eventId} processed ${times} time(s)`);
  if (times === 1) return check(id, 'pass', 'both deliveries acknowledged, the event processed once', evidence);
  if (times === 0) return check(id, 'fail', 'both deliveries acknowledged but the event was never processed', evidence);
  return check(
    id,
    'fail',
    `processed ${times} times: deduplicate on the event id alone (a retry is re-signed with a new timestamp)`,
    evidence,
  );
}

/** Grades every check from the deliveries' outcomes and the processed-events hook. */
export function evaluateChecks(input: EvaluationInput): GradeCheck[] {
  return [
    accepted(
      input,
      'valid-delivery',
      `check the secret, the scheme (${input.scheme.id}) and that the raw body is verified; acknowledge first, process asynchronously`,
    ),
    rejection(input, 'tampered-body'),
    rejection(input, 'wrong-secret'),
    rejection(input, 'missing-signature'),
    rejection(input, 'malformed-signature'),
    rejection(input, 'stale-timestamp'),
    rejection(input, 'future-timestamp'),
    rejection(input, 'reserialized-body'),
    rejectedNotProcessed(input),
    accepted(
      input,
      'rotation',
      'accept the delivery when any v1 signature matches one of your secrets; check every v1, not only the first',
    ),
    duplicate(input),
  ];
}
