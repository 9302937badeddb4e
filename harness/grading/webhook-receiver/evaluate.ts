import type { GradeCheck } from '../shared/report.js';
import { check, type EvaluationInput, nothingSent } from './check-result.js';
import type { WebhookReceiverCheckId } from './checks.js';
import { acknowledged, describeOutcome } from './deliver.js';
import { duplicate, forgedThenGenuine, rotation, validDelivery } from './evaluate-processing.js';
import { timesProcessed } from './processed-hook.js';

export type { EvaluationInput } from './check-result.js';

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
  // A forged delivery of an event that is also delivered genuinely may show up processed: that is the
  // genuine delivery's processing (graded by forged-then-genuine).
  const genuine = new Set(
    input.outcomes.filter((o) => o.delivery.expectation === 'accept').map((o) => o.delivery.eventId),
  );
  const rejected = input.outcomes.filter(
    (outcome) =>
      outcome.delivery.expectation === 'reject' &&
      outcome.status !== null &&
      !acknowledged(outcome) &&
      !genuine.has(outcome.delivery.eventId),
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

/** Grades every check from the deliveries' outcomes and the processed-events hook. */
export function evaluateChecks(input: EvaluationInput): GradeCheck[] {
  return [
    validDelivery(input),
    rejection(input, 'tampered-body'),
    rejection(input, 'wrong-secret'),
    rejection(input, 'missing-signature'),
    rejection(input, 'malformed-signature'),
    rejection(input, 'stale-timestamp'),
    rejection(input, 'future-timestamp'),
    rejection(input, 'reserialized-body'),
    rejectedNotProcessed(input),
    rotation(input),
    forgedThenGenuine(input),
    duplicate(input),
  ];
}
