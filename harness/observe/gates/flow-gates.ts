import { traceIdOf } from '../../client/trace-context.js';
import { routes } from '../../contract/index.js';
import { DRY_RUN_STEPS } from '../../gates/catalog.js';
import { type Check, check, fail, gateResult, notRun, pass } from '../../gates/gate-result.js';
import type { EscalationTemplate, GateResult } from '../../packet/schema.js';
import type { JournalEntry } from '../../reference-mock/index.js';
import { isWrite } from '../options.js';
import { answered, answerOf, dated, exchange, type TrafficEvidence, unseen } from './traffic.js';

const routeOf = (entry: JournalEntry) => {
  const route = Object.values(routes).find((r) => r.operationId === entry.operationId);
  return route ? `${route.method} ${route.path}` : null;
};

/** The dry run's steps in the traffic: each step's first successful exchange, in the checklist's order. */
function dryRun(traffic: TrafficEvidence): Check {
  const firsts = DRY_RUN_STEPS.map((step) => ({
    step,
    entry: traffic.journal.find((e) => routeOf(e) === step.route && e.status !== null && e.status < 300),
  }));
  const missing = firsts.filter(({ entry }) => entry === undefined).map(({ step }) => `${step.step}. ${step.route}`);
  if (missing.length > 0)
    return notRun(
      'dry-run sequence ran in order',
      `Not run: the partner's traffic did not show step(s) ${missing.join('; ')} of the dry run.`,
    );
  const times = firsts.map(({ entry }) => entry?.receivedAt ?? 0);
  const outOfOrder = firsts.filter((_, index) => index > 0 && (times[index] ?? 0) < (times[index - 1] ?? 0));
  if (outOfOrder.length > 0)
    return fail(
      'dry-run sequence ran in order',
      `Out of the checklist's order: ${outOfOrder.map(({ step }) => `step ${step.step} (${step.route})`).join(', ')} ran before the step it follows.`,
    );
  return pass(
    'dry-run sequence ran in order',
    `All ${DRY_RUN_STEPS.length} dry-run routes ran, in the checklist's order.`,
  );
}

/** Gate 5 from traffic: the flow the partner ships ran end to end, authority before claim work. */
export function goldenPathGate(traffic: TrafficEvidence): GateResult {
  const client = traffic.journal.find(
    (e) => e.operationId === 'createClient' && (e.status === 201 || e.errorCode === 'client_already_exists'),
  );
  const claim = answered(traffic, 'createClaim')[0];
  const granted = answered(traffic, 'getClientAuthority').find(
    (e) => (answerOf(traffic, e)?.body as { status?: unknown } | undefined)?.status === 'granted',
  );
  const status = answered(traffic, 'getClaimStatus')[0];
  const checks: Check[] = [
    dryRun(traffic),
    client
      ? pass('client created or linked', `${client.status} (${client.requestId}).`)
      : unseen(
          'client created or linked',
          'POST /v1/clients answered 201 or 409 client_already_exists',
          'Create or link the client in the observed flow.',
        ),
    granted === undefined || claim === undefined
      ? unseen(
          'authority granted before claim work',
          'a granted authority read followed by a claim write',
          'Read GET /v1/clients/{clientId}/authority before POST /v1/claims.',
        )
      : check(
          'authority granted before claim work',
          granted.receivedAt < claim.receivedAt,
          `Authority granted (${granted.requestId}) before the claim write (${claim.requestId}).`,
          `The claim write (${claim.requestId}) came before any granted authority read: read the authority first.`,
        ),
    status
      ? pass('status read', `GET ${status.path} answered 200 (${status.requestId}).`)
      : unseen(
          'status read',
          'GET /v1/claims/{claimId}/status answered 200',
          'Read the claim status in the observed flow.',
        ),
  ];
  const shown = [client, granted, claim, status].filter((e): e is JournalEntry => e !== undefined);
  return gateResult('golden-path-rehearsal', {
    checks,
    evidence: shown.map((e) => exchange(e.operationId ?? e.path, e)),
    requestIds: shown.map((e) => e.requestId),
  });
}

const idIn = (path: string, prefix: string) => path.split('/').find((part) => part.startsWith(prefix)) ?? null;

/** The escalation template from the traffic: its claim write (else its last write or failure). */
export function trafficEscalation(traffic: TrafficEvidence): EscalationTemplate {
  const claim = answered(traffic, 'createClaim')[0];
  const anchor = claim ?? [...traffic.journal].reverse().find((e) => isWrite(e) || (e.status ?? 0) >= 300) ?? null;
  const body = answerOf(traffic, claim ?? undefined)?.body as { id?: unknown; jobId?: unknown } | undefined;
  const partnerOrg = traffic.journal.map((e) => idIn(e.path, 'porg_')).find((id) => id !== null) ?? null;
  return {
    route: anchor ? (routeOf(anchor) ?? `${anchor.method} ${anchor.path}`) : null,
    timestamp: anchor ? dated(anchor) : null,
    requestId: anchor?.requestId ?? null,
    correlationId: anchor?.correlationIdSent ?? null,
    traceId: traceIdOf(anchor?.traceparent ?? null),
    partnerOrgId: partnerOrg,
    claimId: typeof body?.id === 'string' ? body.id : null,
    jobId: typeof body?.jobId === 'string' ? body.jobId : null,
    cutoverOwner: traffic.owners.cutover,
    attempts: null,
  };
}

/** Template fields the contract makes optional for a partner: a W3C traceparent is welcome, not required. */
const OPTIONAL_TEMPLATE_FIELDS = new Set(['attempts', 'traceId']);

/**
 * Every field of the template is filled and every write and non-2xx carried a correlation id. An owner
 * missing is a failure (configuration); an id the traffic never showed (e.g. no claim write) is not run.
 */
function templateCheck(template: EscalationTemplate, escalations: readonly JournalEntry[]): Check {
  const name = 'escalation template complete';
  const empty = Object.entries(template)
    .filter(([field, value]) => value === null && !OPTIONAL_TEMPLATE_FIELDS.has(field))
    .map(([field]) => field);
  const untraceable = escalations.filter((e) => e.correlationIdSent === null);
  const problems = [
    ...(empty.includes('cutoverOwner')
      ? ['The escalation template has no cutover owner: set DUTYCLAIMS_CUTOVER_OWNER.']
      : []),
    ...(untraceable.length > 0
      ? [
          `${untraceable.length} write(s) or non-2xx answer(s) had no X-Correlation-Id to escalate with (e.g. ${untraceable[0]?.requestId}).`,
        ]
      : []),
  ];
  if (problems.length > 0) return fail(name, problems.join(' '));
  const unseenFields = empty.filter((field) => field !== 'cutoverOwner');
  if (unseenFields.length > 0)
    return unseen(
      name,
      `the template's ${unseenFields.join(', ')}`,
      'Have the flow read the partner organization and write a claim.',
    );
  return pass(
    name,
    `Every field is filled, and all ${escalations.length} writes and non-2xx answers carry a correlation id.`,
  );
}

/** Gate 6 from traffic: the delivery log read back, a complete escalation template, a rollback owner. */
export function supportGate(traffic: TrafficEvidence): GateResult {
  const log = answered(traffic, 'listWebhookDeliveries')[0];
  const template = trafficEscalation(traffic);
  const escalations = traffic.journal.filter((e) => isWrite(e) || (e.status ?? 0) >= 300);
  const checks: Check[] = [
    log
      ? pass('delivery log read back', `GET /v1/webhook-deliveries answered 200 (${log.requestId}).`)
      : unseen(
          'delivery log read back',
          'GET /v1/webhook-deliveries answered 200',
          'Read the delivery log in the observed flow.',
        ),
    templateCheck(template, escalations),
    check(
      'rollback owner recorded',
      traffic.owners.rollback !== null,
      `Owner: ${traffic.owners.rollback}.`,
      'No rollback owner: set DUTYCLAIMS_ROLLBACK_OWNER.',
    ),
  ];
  return gateResult('support-and-rollback-packet', {
    checks,
    evidence: log ? [exchange('delivery log read', log)] : [],
    requestIds: [log?.requestId, template.requestId].filter((id): id is string => typeof id === 'string'),
  });
}
