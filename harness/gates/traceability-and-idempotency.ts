import type { GateResult } from '../packet/schema.js';
import type { RehearsalObservations } from '../rehearsal/observations.js';
import { check, describeFailure, fail, gateResult, metaEvidence, pass, requestIdsOf } from './gate-result.js';
import { haltedReason } from './run-state.js';

export const READ_ONLY_REASON = 'Not run (read-only): this run sends no writes, so this gate was not checked.';

/** The provider echoed the write's X-Correlation-Id on every attempt, so support can join both logs. */
function correlationCheck(observations: RehearsalObservations, sent: string) {
  const answers = observations.correlationEchoes.filter((echo) => echo.sent === sent);
  const wrong = answers.filter((echo) => echo.echoed !== sent);
  return check(
    'X-Correlation-Id sent',
    sent.length > 0 && answers.length > 0 && wrong.length === 0,
    `Sent X-Correlation-Id ${sent}; the provider echoed it.`,
    `Sent X-Correlation-Id ${sent} but the provider answered ${wrong.map((echo) => `${echo.echoed ?? 'without one'} (request ${echo.requestId ?? 'without an id'})`).join(', ') || 'nothing'}: something between strips the header, or the provider ignores it, so support cannot join your logs with theirs.`,
  );
}

/**
 * Gate 3: the claim write sends Idempotency-Key and X-Correlation-Id, the response identifiers are
 * captured, and replaying the same key and body returns the same claim.
 */
export function evaluateTraceabilityAndIdempotency(observations: RehearsalObservations): GateResult {
  const { claim, replay, config } = observations;
  if (config.readOnly)
    return gateResult('traceability-and-idempotency', {
      checks: [],
      evidence: [],
      requestIds: [],
      notRunReason: READ_ONLY_REASON,
    });
  const halted = haltedReason(observations);
  if (halted !== null)
    return gateResult('traceability-and-idempotency', {
      checks: [],
      evidence: [],
      requestIds: [],
      notRunReason: halted,
    });
  if (claim === null) {
    return gateResult('traceability-and-idempotency', {
      checks: [],
      evidence: [],
      requestIds: [],
      notRunReason:
        'Not run: an earlier step of the golden path failed, so no claim was written (see the golden-path gate).',
    });
  }
  const evidence = [...metaEvidence('Write', claim.meta), ...metaEvidence('Replay', replay?.meta)];
  if (!claim.ok) {
    const sentKey = claim.meta?.idempotencyKey;
    return gateResult('traceability-and-idempotency', {
      checks: [
        fail('claim write', describeFailure(claim, 'POST /v1/claims')),
        check(
          'Idempotency-Key sent',
          Boolean(sentKey) && claim.error.code !== 'missing_idempotency_key',
          `Sent ${sentKey}.`,
          sentKey
            ? `The harness sent Idempotency-Key ${sentKey} but the provider answered missing_idempotency_key: something between (a proxy, a gateway) strips the header.`
            : 'The write went out without an Idempotency-Key.',
        ),
      ],
      evidence,
      requestIds: requestIdsOf(claim),
    });
  }
  const { meta, value } = claim;
  evidence.push({ label: 'Claim', value: `${value.id} (job ${value.jobId}), status ${value.status}` });
  const checks = [
    pass('claim write', `POST /v1/claims answered ${meta.status} (request ${meta.requestId}).`),
    check(
      'Idempotency-Key sent',
      meta.idempotencyKey !== null,
      `Sent Idempotency-Key ${meta.idempotencyKey}.`,
      'The claim write carried no Idempotency-Key: retries would not be replay-safe.',
    ),
    correlationCheck(observations, meta.correlationId),
    check(
      'requestId captured',
      meta.requestId !== null,
      `Provider request id ${meta.requestId}.`,
      'The response carried no X-Request-Id to quote in escalations.',
    ),
  ];
  if (replay?.ok) {
    const same = replay.value.id === value.id && replay.value.jobId === value.jobId;
    checks.push(
      check(
        'replay returns the same claim',
        same,
        `The replay returned ${replay.value.id} again.`,
        `The replay with the same key returned ${replay.value.id}, not ${value.id}: the provider created a duplicate.`,
      ),
      check(
        'replay is marked as replayed',
        replay.meta.replayed === true,
        'Idempotent-Replayed: true.',
        'The replay response did not say Idempotent-Replayed: true.',
      ),
    );
  } else {
    checks.push(
      fail('replay returns the same claim', describeFailure(replay, 'Replaying POST /v1/claims with the same key')),
    );
  }
  return gateResult('traceability-and-idempotency', { checks, evidence, requestIds: requestIdsOf(claim, replay) });
}
