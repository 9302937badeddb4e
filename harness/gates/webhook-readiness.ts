import type { GateResult } from '../packet/schema.js';
import type { RehearsalObservations } from '../rehearsal/observations.js';
import { check, describeFailure, fail, gateResult, metaEvidence, notRun, pass, requestIdsOf } from './gate-result.js';
import { haltedReason, leaksFor, noLeakCheck } from './run-state.js';
import { READ_ONLY_REASON } from './traceability-and-idempotency.js';

/**
 * The signing secret appears in the response that creates (or rotates) it and nowhere else. Judged on
 * the raw bytes of every response of the run, so a field the response schema strips still counts.
 */
function secretShownOnce(
  observations: RehearsalObservations,
  readBack: { readonly showsFullSecret: boolean; readonly secretPrefix: string } | null,
) {
  const leaks = leaksFor(observations, 'webhook');
  if (readBack?.showsFullSecret && leaks.length === 0)
    return fail('secret shown only once', 'A later read of the endpoint returned the full signing secret.');
  return noLeakCheck(
    'secret shown only once',
    leaks,
    `No response after the endpoint's creation carried a signing secret${readBack ? `; later reads show only ${readBack.secretPrefix}…` : ''}.`,
    'The provider must show a signing secret only once, when it is created or rotated: report these request ids to DutyClaims and rotate the secret.',
  );
}

/**
 * Gate 4: an endpoint is registered, its secret is stored (only the prefix is recorded), and a
 * synthetic sandbox delivery is verified against the raw body before it is routed.
 */
export function evaluateWebhookReadiness(observations: RehearsalObservations): GateResult {
  const { config, endpoint, endpointReadBack, webhookTest, webhookTestReceipt } = observations;
  if (config.readOnly)
    return gateResult('webhook-readiness', {
      checks: [],
      evidence: [],
      requestIds: [],
      notRunReason: READ_ONLY_REASON,
    });
  const halted = haltedReason(observations);
  if (halted !== null)
    return gateResult('webhook-readiness', { checks: [], evidence: [], requestIds: [], notRunReason: halted });
  if (observations.credentialRefused || (endpoint === null && webhookTest === null)) {
    return gateResult('webhook-readiness', {
      checks: [],
      evidence: [],
      requestIds: [],
      notRunReason: 'Not run: an earlier step failed before webhooks were exercised.',
    });
  }
  const evidence = [
    ...metaEvidence('Registration', endpoint?.meta),
    ...metaEvidence('Synthetic delivery request', webhookTest?.meta),
  ];
  const checks = [];
  if (config.webhook.mode === 'harness-receiver') {
    if (!endpoint?.ok) {
      checks.push(fail('endpoint registered', describeFailure(endpoint, 'POST /v1/webhooks/endpoints')));
    } else {
      evidence.push({
        label: 'Endpoint',
        value: `${endpoint.value.id} -> ${endpoint.value.url}; secret ${endpoint.value.secretPrefix}… stored in the harness receiver's memory`,
      });
      checks.push(pass('endpoint registered', `Registered ${endpoint.value.id}.`));
      checks.push(
        endpointReadBack?.ok
          ? secretShownOnce(observations, endpointReadBack.value)
          : fail('secret shown only once', describeFailure(endpointReadBack, 'Reading the endpoint back')),
      );
    }
  } else {
    evidence.push({
      label: 'Endpoint',
      value: `${config.webhook.endpointId} (your own receiver, registered outside this run)`,
    });
    // Nothing of this run shows the secret legitimately, so any signing secret in a response is a leak.
    if (leaksFor(observations, 'webhook').length > 0) checks.push(secretShownOnce(observations, null));
  }
  if (!webhookTest?.ok) {
    checks.push(fail('synthetic delivery sent', describeFailure(webhookTest, 'POST /v1/sandbox/webhooks/test')));
  } else {
    evidence.push({
      label: 'Synthetic delivery',
      value: `delivery ${webhookTest.value.deliveryId}, event ${webhookTest.value.eventId}`,
    });
    checks.push(
      pass(
        'synthetic delivery sent',
        `POST /v1/sandbox/webhooks/test queued delivery ${webhookTest.value.deliveryId} (request ${webhookTest.meta.requestId}).`,
      ),
    );
    if (config.webhook.mode === 'harness-receiver') {
      const receipt = webhookTestReceipt;
      if (receipt)
        evidence.push({
          label: 'Receiver log entry',
          value: `${receipt.receivedAt} delivery ${receipt.deliveryId} event ${receipt.eventId}: verified=${receipt.verified} routed=${receipt.routed} status=${receipt.status}${receipt.failure ? ` failure=${receipt.failure}` : ''}`,
        });
      if (receipt !== null)
        checks.push(
          pass('delivery received', `Delivery ${receipt.deliveryId} reached the receiver at ${receipt.receivedAt}.`),
        );
      checks.push(
        receipt === null
          ? fail(
              'delivery received',
              observations.webhookTestReceiptError ?? 'The synthetic delivery never reached the receiver.',
            )
          : check(
              'verified against the raw body',
              receipt.verified,
              'The HMAC matched the raw body bytes.',
              `The receiver rejected the delivery: ${receipt.failure}. Check the stored secret and that the raw body is verified.`,
            ),
        check(
          'routed only after verification',
          receipt?.verified === true && receipt.routed,
          'Routed after verification.',
          'The event was not routed after verification.',
        ),
      );
    } else {
      const logged = observations.deliveryLog?.ok
        ? observations.deliveryLog.value.find((item) => item.id === webhookTest.value.deliveryId)
        : undefined;
      checks.push(
        check(
          'delivery acknowledged by your receiver',
          logged?.status === 'succeeded',
          `The delivery log shows ${logged?.id} succeeded.`,
          `The delivery log shows ${logged ? `status ${logged.status}` : 'no entry'} for ${webhookTest.value.deliveryId}.`,
        ),
        notRun(
          'verified against the raw body',
          'Your own receiver handled the delivery, so the harness cannot see its verification: keep its log entry, and prove it with `dutyclaims-launch grade-webhook`.',
        ),
      );
    }
  }
  return gateResult('webhook-readiness', {
    checks,
    evidence,
    requestIds: requestIdsOf(endpoint, endpointReadBack, webhookTest),
  });
}
