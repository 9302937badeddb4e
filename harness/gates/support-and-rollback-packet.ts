import { traceIdOf } from '../client/trace-context.js';
import type { EscalationTemplate, GateResult } from '../packet/schema.js';
import type { RehearsalObservations } from '../rehearsal/observations.js';
import {
  check,
  describeAttempts,
  describeFailure,
  fail,
  gateResult,
  metaEvidence,
  notRun,
  pass,
  requestIdsOf,
} from './gate-result.js';
import { missingPlanParts, planProblems, ROLLBACK_PLAN_TEMPLATE } from './rollback-plan.js';
import { haltedReason } from './run-state.js';

/** The checklist's escalation template, filled from the run's claim write (or, read-only, its last read). */
export function buildEscalationTemplate(observations: RehearsalObservations): EscalationTemplate {
  const { claim, deliveryLog, capabilities, target, config } = observations;
  const anchor = claim?.meta ?? deliveryLog?.meta ?? capabilities?.meta ?? null;
  return {
    route: anchor ? `${anchor.method} ${anchor.route}` : null,
    timestamp: anchor?.startedAt ?? null,
    requestId: anchor?.requestId ?? null,
    correlationId: anchor?.correlationId ?? null,
    traceId: traceIdOf(anchor?.traceparent),
    partnerOrgId: target.partnerOrgId,
    claimId: claim?.ok ? claim.value.id : null,
    jobId: claim?.ok ? claim.value.jobId : null,
    cutoverOwner: config.owners.cutover,
    attempts: describeAttempts(anchor),
  };
}

/** Every field of the escalation template is filled; a read-only run cannot fill the claim/job ids. */
function templateCheck(template: EscalationTemplate, readOnly: boolean) {
  const needsWrite: readonly string[] = ['claimId', 'jobId'];
  // `attempts` is filled only when the anchor call was retried; the checklist's fields are the rest.
  const empty = Object.entries(template).flatMap(([field, value]) =>
    value === null && field !== 'attempts' ? [field] : [],
  );
  const missing = empty.filter((field) => !(readOnly && needsWrite.includes(field)));
  if (missing.length > 0) {
    const hint = missing.includes('cutoverOwner') ? ' Set DUTYCLAIMS_CUTOVER_OWNER.' : '';
    return fail('escalation template complete', `The escalation template has no ${missing.join(', ')}.${hint}`);
  }
  if (empty.length > 0)
    return notRun(
      'escalation template complete',
      `Not run (read-only): ${empty.join(', ')} come${empty.length === 1 ? 's' : ''} from a claim write.`,
    );
  return pass('escalation template complete', 'Every field of the escalation template is filled.');
}

/**
 * The rollback plan (pause calls, disable the endpoint, read-only mode, who decides): required on
 * production, checked whenever one is given; a missing or incomplete plan fails with the template to fill.
 */
export function rollbackPlanCheck(observations: RehearsalObservations) {
  const name = 'rollback plan recorded';
  const plan = observations.rollbackPlan;
  const fill = `Fill in this template, save it and set DUTYCLAIMS_ROLLBACK_PLAN_FILE to it:\n${ROLLBACK_PLAN_TEMPLATE}`;
  if (plan === null)
    return observations.config.target === 'production'
      ? fail(name, `A production run needs a rollback plan and none was given. ${fill}`)
      : null;
  if ('error' in plan) return fail(name, `The rollback plan ${plan.file} could not be read (${plan.error}).`);
  const problems = planProblems(plan);
  if (problems.length > 0) return fail(name, problems.join(' '));
  const missing = missingPlanParts(plan.text);
  if (missing.length > 0)
    return fail(name, `The rollback plan ${plan.file} does not say ${missing.join(', ')}. ${fill}`);
  return pass(
    name,
    `Rollback plan ${plan.file}: pause calls, disable the webhook endpoint, read-only mode, who decides.`,
  );
}

/**
 * Gate 6: the delivery log reads back what the receiver saw, and the escalation template is
 * complete: route, timestamp, request id, correlation id, partner org, claim/job id, cutover owner.
 */
export function evaluateSupportAndRollbackPacket(observations: RehearsalObservations): GateResult {
  const { deliveryLog, config, receiverLog } = observations;
  const halted = haltedReason(observations);
  if (halted !== null)
    return gateResult('support-and-rollback-packet', {
      checks: [],
      evidence: [],
      requestIds: [],
      notRunReason: halted,
    });
  if (observations.credentialRefused) {
    return gateResult('support-and-rollback-packet', {
      checks: [],
      evidence: [],
      requestIds: [],
      notRunReason: 'Not run: the credential was refused before any request was sent.',
    });
  }
  const template = buildEscalationTemplate(observations);
  const evidence = [
    ...metaEvidence('Delivery log read', deliveryLog?.meta),
    ...Object.entries(template).flatMap(([field, value]) =>
      field === 'attempts' && value === null ? [] : [{ label: `Escalation: ${field}`, value: value ?? 'MISSING' }],
    ),
    { label: 'Rollback owner', value: config.owners.rollback ?? 'not recorded' },
  ];
  const checks = [];
  if (deliveryLog?.ok) {
    const logged = new Set(deliveryLog.value.map((delivery) => delivery.id));
    // What this run knows was delivered: what the harness receiver saw, and the synthetic test.
    const expected = new Set(receiverLog.flatMap((entry) => (entry.deliveryId ? [entry.deliveryId] : [])));
    if (observations.webhookTest?.ok) expected.add(observations.webhookTest.value.deliveryId);
    const unlisted = [...expected].filter((id) => !logged.has(id));
    evidence.push({
      label: 'Deliveries listed',
      value: `${deliveryLog.value.length} (${[...logged].slice(0, 10).join(', ')}${logged.size > 10 ? ', …' : ''})`,
    });
    checks.push(
      expected.size === 0
        ? check(
            'delivery log read back',
            deliveryLog.meta.requestId !== null,
            `The delivery log is readable: ${deliveryLog.value.length} deliveries (request ${deliveryLog.meta.requestId}). This run sent none to look for.`,
            'The delivery log answered without a request id to quote.',
          )
        : check(
            'delivery log read back',
            unlisted.length === 0,
            `The log lists every delivery this run knows was sent (${expected.size}).`,
            `The delivery log does not list ${unlisted.join(', ')}, which this run did send or receive.`,
          ),
    );
  } else {
    checks.push(fail('delivery log read back', describeFailure(deliveryLog, 'GET /v1/webhook-deliveries')));
  }
  checks.push(templateCheck(template, config.readOnly));
  checks.push(
    check(
      'rollback owner recorded',
      config.owners.rollback !== null,
      `Rollback decisions: ${config.owners.rollback}.`,
      'No rollback owner is recorded. Set DUTYCLAIMS_ROLLBACK_OWNER.',
    ),
  );
  const plan = rollbackPlanCheck(observations);
  if (plan !== null) checks.push(plan);
  return gateResult('support-and-rollback-packet', { checks, evidence, requestIds: requestIdsOf(deliveryLog) });
}
