import type { GradeCheck } from '../shared/report.js';
import { answer, check, type EvaluationInput, nothingSent, unprocessedReason } from './check-result.js';
import { acknowledged, type DeliveryOutcome, describeOutcome } from './deliver.js';
import { timesProcessed } from './processed-hook.js';

const of = (input: EvaluationInput, id: DeliveryOutcome['delivery']['checkId']) =>
  input.outcomes.filter((outcome) => outcome.delivery.checkId === id);

const unacknowledgedReason = (input: EvaluationInput, outcomes: readonly DeliveryOutcome[]) =>
  outcomes.map((o) => `${o.delivery.label}: ${answer(o)} (ack timeout ${input.ackTimeoutMs} ms)`).join('; ');

/** The valid delivery is acknowledged 2xx within the ack timeout. */
export function validDelivery(input: EvaluationInput): GradeCheck {
  const id = 'valid-delivery';
  const [outcome] = of(input, id);
  if (!outcome) return nothingSent(input, id);
  const evidence = [describeOutcome(input.url, outcome)];
  if (!acknowledged(outcome))
    return check(
      id,
      'fail',
      `not acknowledged (${unacknowledgedReason(input, [outcome])}): check the secret, the scheme (${input.scheme.id}) and that the raw body is verified; acknowledge first, process asynchronously`,
      evidence,
    );
  const { hook } = input;
  if (hook.state === 'ok')
    evidence.push(
      ...hook.evidence,
      `${outcome.delivery.eventId} processed ${timesProcessed(hook.reading, outcome.delivery.eventId)} time(s)`,
    );
  return check(id, 'pass', `acknowledged ${answer(outcome)}`, evidence);
}

/** Every rotation delivery (the receiver's signature first, in the middle, last) is acknowledged and processed. */
export function rotation(input: EvaluationInput): GradeCheck {
  const id = 'rotation';
  const outcomes = of(input, id);
  if (outcomes.length === 0 && !input.scheme.multipleSignatures)
    return check(
      id,
      'not_graded',
      `the ${input.scheme.id} scheme carries one signature per delivery, so rotation cannot be observed from outside`,
      [],
    );
  if (outcomes.length === 0) return nothingSent(input, id);
  const evidence = outcomes.map((outcome) => describeOutcome(input.url, outcome));
  const refused = outcomes.filter((outcome) => !acknowledged(outcome));
  if (refused.length > 0)
    return check(
      id,
      'fail',
      `not acknowledged (${unacknowledgedReason(input, refused)}): accept the delivery when any v1 signature matches one of your secrets, wherever it sits in the list`,
      evidence,
    );
  const { hook } = input;
  const answers = outcomes.map((outcome) => outcome.status).join('/');
  if (hook.state !== 'ok')
    return check(id, 'pass', `all ${outcomes.length} positions acknowledged (${answers})`, evidence);
  evidence.push(...hook.evidence);
  const unprocessed = outcomes.filter((outcome) => timesProcessed(hook.reading, outcome.delivery.eventId) === 0);
  for (const outcome of outcomes)
    evidence.push(
      `${outcome.delivery.eventId} processed ${timesProcessed(hook.reading, outcome.delivery.eventId)} time(s)`,
    );
  if (unprocessed.length > 0)
    return check(
      id,
      'fail',
      `${unprocessed.map((o) => o.delivery.label).join('; ')}: ${unprocessedReason(hook, 'check every v1 signature, not only one position')}`,
      evidence,
    );
  return check(id, 'pass', `all ${outcomes.length} positions acknowledged (${answers}) and processed`, evidence);
}

/** A forged delivery of event X is rejected; the genuine delivery of X that follows is processed once. */
export function forgedThenGenuine(input: EvaluationInput): GradeCheck {
  const id = 'forged-then-genuine';
  const outcomes = of(input, id);
  const genuine = outcomes.find((outcome) => outcome.delivery.expectation === 'accept');
  if (!genuine) return nothingSent(input, id);
  const evidence = outcomes.map((outcome) => describeOutcome(input.url, outcome));
  if (!acknowledged(genuine))
    return check(
      id,
      'fail',
      `the genuine delivery was not acknowledged (${unacknowledgedReason(input, [genuine])}) after a forged delivery of the same event was rejected: record an event id as seen only after its signature verified`,
      evidence,
    );
  const { hook } = input;
  if (hook.state !== 'ok')
    return check(id, 'not_graded', `the genuine delivery was acknowledged; ${hook.reason}`, [
      ...evidence,
      ...(hook.state === 'unusable' ? hook.evidence : []),
    ]);
  const eventId = genuine.delivery.eventId;
  const times = timesProcessed(hook.reading, eventId);
  evidence.push(...hook.evidence, `${eventId} processed ${times} time(s)`);
  if (times === 1) return check(id, 'pass', 'the genuine delivery was acknowledged and processed once', evidence);
  if (times === 0)
    return check(
      id,
      'fail',
      unprocessedReason(
        hook,
        'the rejected forgery made the event look already seen: record an event id as seen only after its signature verified',
      ),
      evidence,
    );
  return check(id, 'fail', `processed ${times} times: process each verified event once`, evidence);
}

/** The same event delivered twice (re-signed later) is acknowledged both times and processed once. */
export function duplicate(input: EvaluationInput): GradeCheck {
  const id = 'duplicate-processed-once';
  const outcomes = of(input, id);
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
  if (unacknowledged.length > 0)
    return check(
      id,
      'fail',
      `not acknowledged (${unacknowledgedReason(input, unacknowledged)}): answer 2xx to a duplicate so the provider stops retrying, and skip the work`,
      evidence,
    );
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
  if (times === 0)
    return check(id, 'fail', unprocessedReason(hook, 'check that verified deliveries are processed'), evidence);
  return check(
    id,
    'fail',
    `processed ${times} times: deduplicate on the event id alone (a retry is re-signed with a new timestamp)`,
    evidence,
  );
}
