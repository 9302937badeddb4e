import { markdownCode as code, escapeMarkdown as text } from './escape.js';
import {
  describeAttemptLog,
  describeRequest,
  describeServedContract,
  environmentProblem,
  escalationLabels,
  formatDuration,
  NOT_RECORDED,
  OWNER_LABELS,
  successfulExample,
  verdictHeadline,
  verdictSentence,
} from './format.js';
import { markdownGradesSection, markdownGradesSummary } from './markdown-grades.js';
import { markdownTable as table } from './markdown-table.js';
import { markdownDrift, markdownRollbackPlan, markdownWatch } from './markdown-watch.js';
import type { GateResult, LaunchPacket, Verdict } from './schema.js';
import { contractMatch, PACKET_VERDICT_LABELS, VERDICT_LABELS } from './verdict.js';

const MARKS: Record<Verdict, string> = { pass: '✅', fail: '❌', not_run: '⚠️' };
const verdict = (value: Verdict) => `${MARKS[value]} **${VERDICT_LABELS[value]}**`;
const codeOr = (value: string | null, missing = NOT_RECORDED) =>
  value === null ? (missing === '' ? '–' : `_${missing}_`) : code(value);
const textOr = (value: string | null, missing = NOT_RECORDED) => (value === null ? `_${missing}_` : text(value));

/** Checklist prose marks header names with backticks; keep those as code spans, escape the rest. */
const prose = (value: string) => {
  const parts = value.split('`');
  if (parts.length % 2 === 0) return text(value);
  return parts.map((part, index) => (index % 2 === 1 ? code(part) : text(part))).join('');
};

/** Where the evidence came from, what it supports, and the run that proves what it does not. */
const evidenceText = ({ evidence }: LaunchPacket): string =>
  [
    `${code(evidence.source)}: ${evidence.source === 'reference_mock' ? '**' : ''}${text(evidence.label)}${evidence.source === 'reference_mock' ? '**' : ''}`,
    evidence.supportsLiveTraffic ? 'supports asking for live traffic' : '**does not support asking for live traffic**',
    ...evidence.unproven.map(
      (item) => `unproven ${code(item.id)}: ${text(item.reason)} Prove it with ${code(item.proveWith)}`,
    ),
  ].join(' · ');

const summary = (packet: LaunchPacket): string[] => {
  const { target, contract, run } = packet;
  const envProblem = environmentProblem(target);
  const served =
    contractMatch(contract) === 'match'
      ? `${describeServedContract(contract)}`
      : `**${text(describeServedContract(contract))}**`;
  return table(
    ['Fact', 'Value'],
    [
      ['Target', `${text(target.kind)} · ${text(target.host)} (${code(target.baseUrl)})`],
      ['Evidence', evidenceText(packet)],
      [
        'Environment (reported by the provider)',
        envProblem === null ? textOr(target.environment) : `**${text(envProblem)}**`,
      ],
      ['Partner org', code(target.partnerOrgId)],
      ['Credential', `${text(packet.credential.shape)} · ${code(packet.credential.prefix)}`],
      [
        'Contract pinned',
        `${code(contract.pinnedHash)} (from ${text(contract.pinnedFrom)}; ${code(contract.pinOrigin)})`,
      ],
      [
        'Contract served',
        `${served}${contract.version === null ? '' : ` · contract version ${text(contract.version)}`}`,
      ],
      ['Run', `${text(run.mode)}${run.readOnly ? ' (read-only)' : ''} · ${code(run.id)}`],
      [
        'Build tested',
        run.build.commit === null && run.build.ciRunUrl === null
          ? NOT_RECORDED
          : `${code(run.build.commit ?? NOT_RECORDED)}${run.build.branch === null ? '' : ` on ${text(run.build.branch)}`}${run.build.ciRunUrl === null ? '' : ` · CI run ${code(run.build.ciRunUrl)}`}`,
      ],
      ['Command', run.command === null ? NOT_RECORDED : code(run.command)],
      ['When', `${text(run.startedAt)} → ${text(run.finishedAt)} (${formatDuration(run.durationMs)})`],
    ],
  );
};

const escalation = (packet: LaunchPacket): string[] => {
  const labels = escalationLabels(packet);
  const width = Math.max(...labels.map(([, label]) => label.length)) + 2;
  const lines = labels.map(
    ([key, label]) => `${`${label}:`.padEnd(width)}${(packet.escalation[key] ?? '(fill in)').replace(/\r?\n/g, ' ')}`,
  );
  const longestRun = Math.max(2, ...lines.flatMap((line) => [...line.matchAll(/`+/g)].map((run) => run[0].length)));
  const fence = '`'.repeat(longestRun + 1);
  return [
    '## Escalation template',
    '',
    'Escalate with these exact identifiers instead of paraphrasing the failure.',
    '',
    `${fence}text`,
    ...lines,
    fence,
  ];
};

const handoff = (packet: LaunchPacket): string[] => {
  const example = successfulExample(packet);
  const { webhook } = packet;
  return [
    '## Support handoff packet',
    '',
    `- **Successful request from this build:** ${example ? `${code(describeRequest(example))} at ${code(example.timestamp)}` : '_none recorded_'}`,
    `- **Contract hash:** pinned ${code(packet.contract.pinnedHash)}, served ${text(describeServedContract(packet.contract))}`,
    `- **Webhook endpoint ID:** ${codeOr(webhook.endpointId)}`,
    `- **Webhook secret prefix:** ${codeOr(webhook.secretPrefix)}`,
    `- **Synthetic test result:** ${textOr(webhook.syntheticTest)}`,
    `- **Webhook delivery IDs:** ${webhook.deliveryIds.length === 0 ? '_none_' : webhook.deliveryIds.map((id) => code(id)).join(', ')}`,
    ...OWNER_LABELS.map(
      ([key, label]) => `- **${label}:** ${packet.owners[key] === null ? '**NOT NAMED**' : text(packet.owners[key])}`,
    ),
    '',
    '### Artifacts used',
    '',
    ...(packet.artifacts.length === 0
      ? ['_No artifacts were recorded (no OpenAPI or pact files were given)._']
      : table(
          ['Kind', 'Path', 'SHA-256', 'Contract hash'],
          packet.artifacts.map((artifact) => [
            text(artifact.kind),
            code(artifact.path),
            code(artifact.sha256),
            codeOr(artifact.contractHash),
          ]),
        )),
  ];
};

const REASON_LABELS: Record<Verdict, string> = {
  pass: 'Why it passed',
  fail: 'What to fix',
  not_run: 'Why it was not run',
};

const gateDetail = (gate: GateResult, index: number): string[] => [
  `### ${index + 1}. ${text(gate.title)}: ${verdict(gate.verdict)}`,
  '',
  `Verify with ${code(gate.route)} · ${formatDuration(gate.durationMs)}`,
  '',
  `**${REASON_LABELS[gate.verdict]}:** ${text(gate.reason)}`,
  '',
  `- **What you must prove:** ${prose(gate.mustProve)}`,
  `- **Evidence to keep:** ${prose(gate.evidenceToKeep)}`,
  '',
  ...(gate.checks.length === 0
    ? ['_No individual checks were recorded._']
    : table(
        ['Check', 'Verdict', 'Detail'],
        gate.checks.map((check) => [text(check.name), verdict(check.verdict), text(check.detail)]),
      )),
  '',
  ...(gate.evidence.length === 0
    ? ['_No evidence recorded._']
    : ['**Evidence**', '', ...gate.evidence.map((item) => `- ${text(item.label)}: ${text(item.value)}`)]),
  '',
  `**Request IDs:** ${gate.requestIds.length === 0 ? '_none_' : gate.requestIds.map((id) => code(id)).join(', ')}`,
  '',
];

const logFields = (packet: LaunchPacket): string[] =>
  packet.logFields.length === 0
    ? ['_No requests were logged._']
    : table(
        [
          'Timestamp',
          'Step',
          'Method',
          'Route',
          'Environment',
          'Status',
          'Error code',
          'Request ID',
          'Correlation ID',
          'Idempotency key',
          'Replayed',
          'Attempts',
          'Duration',
          'Partner org',
          'Resource IDs',
        ],
        packet.logFields.map((fields) => [
          code(fields.timestamp),
          fields.step === null ? '' : text(fields.step),
          text(fields.method),
          code(fields.route),
          textOr(fields.environment, 'not read'),
          fields.status === null ? 'no response' : String(fields.status),
          codeOr(fields.errorCode, ''),
          codeOr(fields.requestId, ''),
          codeOr(fields.correlationId, ''),
          codeOr(fields.idempotencyKey, ''),
          fields.replayed ? 'yes' : 'no',
          textOr(describeAttemptLog(fields), String(fields.attempts)),
          formatDuration(fields.durationMs),
          codeOr(fields.partnerOrgId, ''),
          Object.entries(fields.ids)
            .map(([key, value]) => `${text(key)} ${code(value)}`)
            .join(', '),
        ]),
      );

/** Renders the packet as Markdown: verdict, the checklist's support handoff packet, escalation template, gates, partner integration grades, log fields, timeline. */
export function renderMarkdown(packet: LaunchPacket): string {
  const lines = [
    `# DutyClaims launch packet: ${text(verdictHeadline(packet))}`,
    '',
    `> ${packet.verdict === 'ready' ? '✅' : '❌'} **${PACKET_VERDICT_LABELS[packet.verdict]}.** ${text(verdictSentence(packet))}`,
    '>',
    `> ${MARKS.pass} ${packet.summary.pass} passed · ${MARKS.fail} ${packet.summary.fail} failed · ${MARKS.not_run} ${packet.summary.notRun} not run`,
    ...markdownGradesSummary(packet.grades),
    '',
    ...summary(packet),
    '',
    '## Gates',
    '',
    ...table(
      ['#', 'Gate', 'Verdict', 'Why'],
      packet.gates.map((gate, index) => [
        String(index + 1),
        text(gate.title),
        verdict(gate.verdict),
        text(gate.reason),
      ]),
    ),
    '',
    ...markdownWatch(packet),
    ...markdownDrift(packet),
    ...escalation(packet),
    '',
    ...handoff(packet),
    '',
    ...markdownRollbackPlan(packet),
    '',
    '## Gate details',
    '',
    ...packet.gates.flatMap(gateDetail),
    ...markdownGradesSection(packet.grades),
    '## Minimum log fields',
    '',
    ...logFields(packet),
    '',
    '## Timeline',
    '',
    ...(packet.timeline.length === 0
      ? ['_No timeline was recorded._']
      : packet.timeline.map(
          (entry) =>
            `- ${code(entry.at)} ${entry.ok ? '' : '❌ **Problem:** '}**${text(entry.step)}** ${text(entry.detail)}`,
        )),
    '',
    '---',
    '',
    `Generated by ${text(packet.tool.name)} ${text(packet.tool.version)} · packet schema v${packet.schemaVersion} · run ${code(packet.run.id)}`,
    '',
  ];
  return lines.join('\n');
}
