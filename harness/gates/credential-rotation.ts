import type { EvidenceItem } from '../packet/schema.js';
import type { RotationObservation, SwitchCall } from '../rehearsal/rotation-observation.js';
import { type Check, check, describeFailure, fail, notRun } from './gate-result.js';

export const ROTATION_CHECKS = {
  switch: 'key rotation: no failed call across the switch',
  insideGrace: 'key rotation: old key accepted inside the grace',
  afterGrace: 'key rotation: old key refused after the grace',
  secret: 'secret rotation: every overlap delivery accepted',
} as const;

/** The rotation's checks, evidence and request ids. */
export interface RotationVerdicts {
  readonly checks: Check[];
  readonly evidence: EvidenceItem[];
  readonly requestIds: string[];
}

const describeCall = (call: SwitchCall) =>
  `${call.requestId ?? 'no request id'} (${call.keyPrefix ?? 'no key'}…, ${call.ok ? call.status : `${call.status ?? 'no response'} ${call.errorCode}`}${call.attempts > 1 ? `, ${call.attempts} attempts` : ''})`;

const ids = (calls: readonly SwitchCall[]) => calls.map((call) => call.requestId ?? 'none').join(', ') || 'none';

/** Judges the key and secret rotation a run rehearsed (`observations.rotation`). */
export function rotationVerdicts(rotation: RotationObservation | null, requested: boolean): RotationVerdicts {
  if (rotation === null || rotation.skipped !== null) {
    const reason = rotation?.skipped ?? 'Not run: the rotation was not reached.';
    // Asked for but impossible: four checks not run, so the gate is not passed. Not asked for: the gate
    // says so in its evidence and judges what it did prove (a passing gate holds only passed checks).
    return requested
      ? { checks: Object.values(ROTATION_CHECKS).map((name) => notRun(name, reason)), evidence: [], requestIds: [] }
      : { checks: [], evidence: [{ label: 'Key and secret rotation', value: reason }], requestIds: [] };
  }
  const { oldKeyPrefix, newKeyPrefix, created, switchCalls, revoke, insideGrace, afterGrace } = rotation;
  const waited = `${rotation.graceSeconds} s grace (${rotation.clock === 'mock' ? "skipped on the mock's clock" : 'waited in real time'})`;
  const oldCalls = switchCalls.filter((call) => call.keyPrefix === oldKeyPrefix);
  const newCalls = switchCalls.filter((call) => call.keyPrefix === newKeyPrefix && newKeyPrefix !== null);
  const evidence: EvidenceItem[] = [
    { label: 'Key rotation', value: `${oldKeyPrefix}… → ${newKeyPrefix ?? 'no replacement'}…; ${waited}` },
    { label: 'Requests served by the old key', value: ids(oldCalls) },
    { label: 'Requests served by the new key', value: ids(newCalls) },
  ];
  const checks: Check[] = [];
  if (!created?.ok) checks.push(fail(ROTATION_CHECKS.switch, describeFailure(created, 'Creating the replacement key')));
  else {
    const failed = switchCalls.filter((call) => !call.ok);
    const stale = switchCalls.filter((call) => call.afterSwitch && call.keyPrefix !== newKeyPrefix);
    checks.push(
      check(
        ROTATION_CHECKS.switch,
        failed.length === 0 && stale.length === 0 && newCalls.length > 0,
        `${switchCalls.length} calls across the switch all succeeded: ${oldCalls.length} on ${oldKeyPrefix}…, ${newCalls.length} on ${newKeyPrefix}… (replacement ${created.value.id}, scopes ${created.value.scopes.join(' ')}).`,
        [
          failed.length > 0 ? `Calls failed across the switch: ${failed.map(describeCall).join('; ')}.` : '',
          stale.length > 0
            ? `Calls started after the switch still sent another key: ${stale.map(describeCall).join('; ')}.`
            : '',
          newCalls.length === 0 ? 'No call was served by the replacement key.' : '',
        ]
          .filter(Boolean)
          .join(' '),
      ),
    );
  }
  if (revoke === null || insideGrace === null) {
    const why = revoke?.ok === false ? describeFailure(revoke, 'Revoking the old key') : 'The old key was not revoked.';
    checks.push(
      revoke?.ok === false
        ? fail(ROTATION_CHECKS.insideGrace, why)
        : notRun(ROTATION_CHECKS.insideGrace, `Not run: ${why}`),
      notRun(ROTATION_CHECKS.afterGrace, `Not run: ${why}`),
    );
  } else {
    evidence.push({
      label: 'Old key revoked',
      value: `request ${revoke.meta?.requestId ?? 'none'}; ${revoke.ok ? `${revoke.value.status} until ${revoke.value.graceEndsAt}` : 'failed'}`,
    });
    checks.push(
      check(
        ROTATION_CHECKS.insideGrace,
        insideGrace.ok,
        `Inside the grace the old key still served request ${insideGrace.requestId}.`,
        `Inside the ${rotation.graceSeconds} s grace the old key was refused: ${describeCall(insideGrace)}. An integration still on it would fail before it switched.`,
      ),
    );
    if (afterGrace === null) checks.push(notRun(ROTATION_CHECKS.afterGrace, 'Not run: the grace was not waited out.'));
    else {
      evidence.push({ label: 'Old key after the grace', value: describeCall(afterGrace) });
      const refused = !afterGrace.ok && afterGrace.status === 401 && afterGrace.errorCode === 'credential_revoked';
      checks.push(
        check(
          ROTATION_CHECKS.afterGrace,
          refused && afterGrace.attempts === 1,
          `After the grace the old key was refused with 401 credential_revoked, and not retried (request ${afterGrace.requestId}).`,
          refused
            ? `The revoked key's 401 was retried: ${describeCall(afterGrace)}. A 401 is final.`
            : `After the ${waited} the old key was not refused with 401 credential_revoked: ${describeCall(afterGrace)}. A revoked key must stop working when its grace ends.`,
        ),
      );
    }
  }
  checks.push(secretCheck(rotation, evidence));
  const requestIds = [
    ...switchCalls.map((call) => call.requestId),
    created?.meta?.requestId ?? null,
    revoke?.meta?.requestId ?? null,
    insideGrace?.requestId ?? null,
    afterGrace?.requestId ?? null,
    rotation.secretRotate?.meta?.requestId ?? null,
  ].filter((id): id is string => id !== null);
  return { checks, evidence, requestIds };
}

function secretCheck(rotation: RotationObservation, evidence: EvidenceItem[]): Check {
  const { secretSkipped, secretRotate, deliveries, secretError } = rotation;
  if (secretSkipped !== null) return notRun(ROTATION_CHECKS.secret, secretSkipped);
  if (!secretRotate?.ok)
    return fail(ROTATION_CHECKS.secret, describeFailure(secretRotate, 'Rotating the signing secret'));
  const by = (phase: string) =>
    deliveries
      .filter((item) => item.phase === phase)
      .map((item) => item.deliveryId ?? 'not sent')
      .join(', ') || 'none';
  evidence.push({
    label: 'Secret rotation',
    value: `new secret ${secretRotate.value.secretPrefix}… (request ${secretRotate.meta.requestId ?? 'none'}); deliveries before: ${by('before')}; overlap: ${by('overlap')}; after the overlap: ${by('after-overlap')}`,
  });
  const refused = deliveries.filter((item) => !item.accepted);
  const overlap = deliveries.some((item) => item.phase === 'overlap');
  return check(
    ROTATION_CHECKS.secret,
    refused.length === 0 && overlap && secretError === null,
    `The receiver accepted all ${deliveries.length} deliveries around the rotation${deliveries.some((item) => item.phase === 'after-overlap') ? ', the last signed only with the new secret' : ''}.`,
    [
      refused.length > 0
        ? `The receiver did not accept ${refused.map((item) => `${item.deliveryId ?? item.eventId ?? 'a delivery'} (${item.phase}: ${item.detail})`).join('; ')}. Store the new secret beside the old one when you rotate, and verify against both until the overlap ends.`
        : '',
      overlap ? '' : 'No delivery was sent during the overlap.',
      secretError ?? '',
    ]
      .filter(Boolean)
      .join(' '),
  );
}
