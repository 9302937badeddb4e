import type { GateResult } from '../packet/schema.js';
import type { RehearsalObservations } from '../rehearsal/observations.js';
import { DRY_RUN_STEPS } from './catalog.js';
import { check, describeFailure, fail, gateResult, metaEvidence, notRun, pass, requestIdsOf } from './gate-result.js';
import { haltedReason } from './run-state.js';
import { READ_ONLY_REASON } from './traceability-and-idempotency.js';

/**
 * With the partner's own receiver the harness never sees delivery bodies: it can only confirm from
 * the delivery log that a claim.status_changed delivery succeeded for each status change; whether
 * their contents agree with the status read stays with the partner's receiving-service log.
 */
function partnerReceiverAgreement(
  observations: RehearsalObservations,
  view: { history: readonly { status: string }[]; status: string },
) {
  const changes = view.history.length;
  const claimCreatedAt = observations.claim?.ok ? observations.claim.value.createdAt : '';
  const succeeded = observations.deliveryLog?.ok
    ? observations.deliveryLog.value.filter(
        (delivery) =>
          delivery.eventType === 'claim.status_changed' &&
          delivery.status === 'succeeded' &&
          delivery.createdAt >= claimCreatedAt,
      ).length
    : 0;
  if (succeeded < changes) {
    return fail(
      'deliveries agree with the status read',
      `The status history has ${changes} change(s) but the delivery log shows ${succeeded} succeeded claim.status_changed deliveries to your receiver.`,
    );
  }
  return notRun(
    'deliveries agree with the status read',
    `The delivery log shows ${succeeded} succeeded claim.status_changed deliveries for ${changes} status change(s), but your own receiver handled them, so the harness cannot compare their contents with the status read (${view.status}): compare with your receiving-service log.`,
  );
}

/**
 * Gate 5: the checklist's seven-step dry run ran in order, and the status reads and the verified webhook
 * deliveries agree on the lifecycle change the run triggered.
 */
export function evaluateGoldenPathRehearsal(observations: RehearsalObservations): GateResult {
  const { config, client, authority, claim, status, claimDeliveries, steps } = observations;
  if (config.readOnly)
    return gateResult('golden-path-rehearsal', {
      checks: [],
      evidence: [],
      requestIds: [],
      notRunReason: READ_ONLY_REASON,
    });
  const halted = haltedReason(observations);
  if (halted !== null)
    return gateResult('golden-path-rehearsal', { checks: [], evidence: [], requestIds: [], notRunReason: halted });
  if (observations.credentialRefused) {
    return gateResult('golden-path-rehearsal', {
      checks: [],
      evidence: [],
      requestIds: [],
      notRunReason: 'Not run: the credential was refused before any request was sent.',
    });
  }
  const evidence = steps.map((step) => ({
    label: `Step ${step.step}`,
    value: `${step.at} ${step.route}: ${step.ok ? 'ok' : 'FAILED'} — ${step.detail}`,
  }));
  const ran = steps.map((step) => step.step);
  const expected = DRY_RUN_STEPS.map((step) => String(step.step));
  const checks = [
    check(
      'dry-run sequence ran in order',
      ran.join(',') === expected.join(',') && steps.every((step) => step.ok),
      `Steps ${expected.join(' → ')} all succeeded, in order.`,
      `The dry run stopped or ran out of order: ${steps.map((step) => `${step.step}${step.ok ? '' : '✗'}`).join(' → ') || 'no step ran'}.`,
    ),
  ];
  checks.push(
    client?.ok
      ? pass(
          'client created or linked',
          `Client ${client.value.id}${client.value.linked ? ' (linked to the existing one)' : ' (created)'}.`,
        )
      : fail('client created or linked', describeFailure(client, 'POST /v1/clients')),
  );
  checks.push(
    authority?.ok
      ? check(
          'authority granted before claim work',
          authority.value.status === 'granted',
          `Authority ${authority.value.status} at ${authority.value.grantedAt}.`,
          `Authority is ${authority.value.status}; no claim work should start. Wait for the client to grant authority, or ask DutyClaims support with the client id.`,
        )
      : fail('authority granted before claim work', describeFailure(authority, 'GET authority')),
  );
  if (client?.ok) evidence.push({ label: 'Partner client ID', value: client.value.id });
  if (claim?.ok) evidence.push({ label: 'Claim ID', value: `${claim.value.id} (job ${claim.value.jobId})` });
  if (!status?.ok) {
    if (claim?.ok) checks.push(fail('status read', describeFailure(status, 'GET /v1/claims/{claimId}/status')));
    return gateResult('golden-path-rehearsal', {
      checks,
      evidence,
      requestIds: requestIdsOf(client, authority, claim, status),
    });
  }
  const view = status.value;
  checks.push(
    pass('status read', `GET /v1/claims/{claimId}/status answered ${view.status} (request ${status.meta.requestId}).`),
  );
  const delivered = claimDeliveries.flatMap((entry) =>
    entry.event?.type === 'claim.status_changed' ? [entry.event.data.status] : [],
  );
  evidence.push(
    ...metaEvidence('Final status read', status.meta),
    { label: 'Status history', value: view.history.map((change) => `${change.status}@${change.at}`).join(' → ') },
    {
      label: 'Webhook deliveries',
      value:
        claimDeliveries
          .map(
            (entry) =>
              `${entry.deliveryId}:${entry.event?.type === 'claim.status_changed' ? entry.event.data.status : '?'}`,
          )
          .join(', ') || 'none',
    },
  );
  const historyStatuses = view.history.map((change) => change.status);
  const last = delivered.at(-1);
  checks.push(
    check(
      'lifecycle reached a final state',
      view.terminal,
      `The claim reached ${view.status}.`,
      `The claim is still ${view.status} after waiting ${config.waitTimeoutMs} ms.`,
    ),
    config.webhook.mode === 'partner-receiver'
      ? partnerReceiverAgreement(observations, view)
      : check(
          'deliveries agree with the status read',
          last === view.status && delivered.every((value) => historyStatuses.includes(value)),
          `Verified deliveries report ${delivered.join(' → ')}, matching the status history.`,
          observations.claimDeliveriesError ??
            `The status read says ${view.status} (history ${historyStatuses.join(' → ')}) but the verified deliveries say ${delivered.join(' → ') || 'nothing'}.`,
        ),
  );
  return gateResult('golden-path-rehearsal', {
    checks,
    evidence,
    requestIds: requestIdsOf(client, authority, claim, status),
  });
}
