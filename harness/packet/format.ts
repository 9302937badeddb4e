import type { LaunchPacket, LogFields, Unproven } from './schema.js';
import { type ContractMatch, contractMatch, PACKET_VERDICT_LABELS } from './verdict.js';

/** "61 ms", "2.2 s", "3 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** What a reader should see for a value that was never recorded. */
export const NOT_RECORDED = 'not recorded';

export const orNotRecorded = (value: string | null): string => value ?? NOT_RECORDED;

/** The checklist's "one successful request example": the first successful write, else the first success. */
export function successfulExample(packet: LaunchPacket): LogFields | undefined {
  const ok = packet.logFields.filter((fields) => fields.outcome === 'ok');
  return ok.find((fields) => fields.method !== 'GET' && fields.method !== 'HEAD') ?? ok[0];
}

/** One line describing a logged request: "POST /v1/claims -> 202 (req_...)". */
export function describeRequest(fields: LogFields): string {
  const status = fields.status === null ? 'no response' : String(fields.status);
  const code = fields.errorCode === null ? '' : ` ${fields.errorCode}`;
  const request = fields.route.startsWith(`${fields.method} `) ? fields.route : `${fields.method} ${fields.route}`;
  return `${request} -> ${status}${code}${fields.requestId === null ? '' : ` (${fields.requestId})`}`;
}

const CONTRACT_TEXT: Record<ContractMatch, string> = {
  match: 'matches the pin',
  mismatch: 'DIFFERS from the pin',
  not_read: 'not read from the provider',
};

/** "ae140b8f3b926d06 (DIFFERS from the pin)". */
export function describeServedContract(contract: LaunchPacket['contract']): string {
  const match = contractMatch(contract);
  return match === 'not_read' ? CONTRACT_TEXT.not_read : `${contract.servedHash} (${CONTRACT_TEXT[match]})`;
}

/** The environment the provider reported, flagged when it is not the target's. */
export function environmentProblem(target: LaunchPacket['target']): string | null {
  if (target.environment === null) return 'The provider environment was never read.';
  if (target.kind !== 'mock' && target.environment !== target.kind)
    return `Target is ${target.kind} but the provider reported ${target.environment}.`;
  return null;
}

/** LogFields.ids as "clientId=cli_..., claimId=clm_...". */
export const describeIds = (ids: LogFields['ids']): string =>
  Object.entries(ids)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');

/** A call's attempts as "1: 503 service_unavailable req_… → 2: 202 req_…", or null for a single attempt. */
export const describeAttemptLog = (fields: LogFields): string | null =>
  fields.attemptLog.length > 1
    ? fields.attemptLog
        .map(
          (item) =>
            `${item.attempt}: ${item.status ?? 'no response'}${item.errorCode ? ` ${item.errorCode}` : ''} ${item.requestId ?? 'no request id'}`,
        )
        .join(' → ')
    : null;

/** Labels of the escalation template, in the checklist's order. */
export const ESCALATION_LABELS: readonly [keyof LaunchPacket['escalation'], string][] = [
  ['route', 'Route'],
  ['timestamp', 'Timestamp'],
  ['requestId', 'Request ID'],
  ['correlationId', 'Correlation ID'],
  ['traceId', 'Trace ID'],
  ['partnerOrgId', 'Partner org'],
  ['claimId', 'Claim ID'],
  ['jobId', 'Job ID'],
  ['cutoverOwner', 'Cutover owner'],
  ['attempts', 'Attempts'],
];

/** The escalation template's lines for this packet: the attempts line only when the call was retried. */
export const escalationLabels = (packet: LaunchPacket): readonly [keyof LaunchPacket['escalation'], string][] =>
  ESCALATION_LABELS.filter(([key]) => key !== 'attempts' || packet.escalation.attempts !== null);

/** Labels of the owners, as the checklist names them. */
export const OWNER_LABELS: readonly [keyof LaunchPacket['owners'], string][] = [
  ['credentialRotation', 'Credential rotation owner'],
  ['secretStorage', 'Secret storage location'],
  ['rollback', 'Rollback decision owner'],
  ['cutover', 'Cutover owner'],
];

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

const UNPROVEN_WORDS: Record<Unproven['id'], string> = {
  live_target: 'a live target',
  production_credential: 'the production credential',
  writes: 'writes',
};

/**
 * The verdict with what it is evidence of, for titles and summaries: "READY · reference mock rehearsal
 * (not evidence for live traffic)", "READY for sandbox · not yet evidence for live traffic (unproven: the
 * production credential)", or plain "READY" / "NOT READY" for a live run.
 */
export function verdictHeadline(packet: LaunchPacket): string {
  const verdict = PACKET_VERDICT_LABELS[packet.verdict];
  const { evidence } = packet;
  if (evidence.source === 'reference_mock') return `${verdict} · ${evidence.label}`;
  if (packet.verdict === 'ready' && !evidence.supportsLiveTraffic)
    return `${verdict} for ${packet.target.kind} · not yet evidence for live traffic (unproven: ${evidence.unproven.map((item) => UNPROVEN_WORDS[item.id]).join(', ')})`;
  return verdict;
}

/** One sentence saying why the packet is or is not ready. */
export function verdictSentence(packet: LaunchPacket): string {
  const { pass, fail, notRun } = packet.summary;
  if (packet.verdict === 'ready' && packet.evidence.source === 'reference_mock')
    return `All ${plural(pass, 'gate')} passed against the reference mock. This is a rehearsal of your flow, not evidence for live traffic; only a run against sandbox is evidence for asking for live traffic.`;
  if (packet.verdict === 'ready' && packet.evidence.supportsLiveTraffic)
    return `All ${plural(pass, 'gate')} passed. This run supports asking for live traffic.`;
  if (packet.verdict === 'ready')
    return `All ${plural(pass, 'gate')} passed on ${packet.target.kind}, but this run does not yet support asking for live traffic. ${packet.evidence.unproven.map((item) => `${item.reason} Run: ${item.proveWith}`).join(' ')}`;
  const parts = [
    fail > 0 ? `${plural(fail, 'gate')} failed` : '',
    notRun > 0 ? `${plural(notRun, 'gate')} ${notRun === 1 ? 'was' : 'were'} not run` : '',
  ].filter(Boolean);
  const why = parts.length > 0 ? parts.join(' and ') : 'not every checklist gate was checked';
  const readOnly =
    packet.run.readOnly && notRun > 0 ? ' This was a read-only run: gates that need a write could not be checked.' : '';
  return `${why[0]?.toUpperCase() ?? ''}${why.slice(1)}.${readOnly} Every gate must pass before you ask for live traffic.`;
}
