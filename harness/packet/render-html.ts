import { html, rawHtml, type SafeHtml } from './escape.js';
import {
  describeServedContract,
  environmentProblem,
  formatDuration,
  NOT_RECORDED,
  verdictHeadline,
  verdictSentence,
} from './format.js';
import { gateSection, gatesOverview, verdictCount } from './html-gates.js';
import { gradesSection, gradesSummaryHtml } from './html-grades.js';
import { PACKET_CSS } from './html-style.js';
import { escalationSection, factList, handoffSection, logFieldsSection, timelineSection } from './html-support.js';
import { driftSection, historySection, rollbackPlanSection, watchSection } from './html-watch.js';
import type { LaunchPacket } from './schema.js';
import { contractMatch, PACKET_VERDICT_LABELS } from './verdict.js';

const withEllipsis = (prefix: string) => (prefix.endsWith('…') ? prefix : `${prefix}…`);
const banner = (packet: LaunchPacket): SafeHtml => html`
<div class="banner ${packet.verdict}" id="verdict" data-verdict="${packet.verdict}">
  <div>
    <div class="eyebrow">Launch verdict</div>
    <div class="packet-verdict">${PACKET_VERDICT_LABELS[packet.verdict]}</div>
    <p class="evidence-source" data-evidence-source="${packet.evidence.source}" data-supports-live-traffic="${String(packet.evidence.supportsLiveTraffic)}"><strong>${packet.evidence.label}</strong></p>
    <p>${verdictSentence(packet)}</p>
    <div class="counts" role="group" aria-label="Gate counts">
      ${verdictCount('pass', packet.summary.pass)}${verdictCount('fail', packet.summary.fail)}${verdictCount('not_run', packet.summary.notRun)}
    </div>
    ${gradesSummaryHtml(packet.grades)}
  </div>
</div>`;

const summaryFacts = (packet: LaunchPacket): SafeHtml => {
  const { target, contract, run } = packet;
  const envProblem = environmentProblem(target);
  return factList(
    [
      {
        label: 'Target',
        value: html`${target.kind} · ${target.host}<span class="sub"><code>${target.baseUrl}</code></span>`,
      },
      {
        label: 'Environment (reported by the provider)',
        value: envProblem === null ? target.environment : `${target.environment ?? NOT_RECORDED} — ${envProblem}`,
        problem: envProblem !== null,
      },
      { label: 'Partner org', value: html`<code>${target.partnerOrgId}</code>` },
      {
        label: 'Credential',
        value: html`${packet.credential.shape} · <code>${withEllipsis(packet.credential.prefix)}</code>`,
      },
      {
        label: 'Evidence',
        value: html`${packet.evidence.label}${packet.evidence.unproven.map((item) => html`<span class="sub">Unproven (${item.id}): ${item.reason} Prove it with <code>${item.proveWith}</code></span>`)}`,
        problem: !packet.evidence.supportsLiveTraffic,
      },
      {
        label: 'Contract pinned',
        value: html`<code>${contract.pinnedHash}</code><span class="sub">from ${contract.pinnedFrom} (${contract.pinOrigin})</span>`,
      },
      {
        label: 'Contract served',
        value: html`${describeServedContract(contract)}${contract.version === null ? '' : html`<span class="sub">contract version ${contract.version}</span>`}`,
        problem: contractMatch(contract) !== 'match',
      },
      { label: 'Run', value: `${run.mode}${run.readOnly ? ' (read-only)' : ''} · ${run.id}` },
      {
        label: 'Build tested',
        value:
          run.build.commit === null && run.build.ciRunUrl === null
            ? NOT_RECORDED
            : html`<code>${run.build.commit ?? NOT_RECORDED}</code>${run.build.branch === null ? '' : html` on ${run.build.branch}`}${run.build.ciRunUrl === null ? '' : html`<span class="sub">CI run: <code>${run.build.ciRunUrl}</code></span>`}`,
      },
      { label: 'Command', value: run.command === null ? NOT_RECORDED : html`<code>${run.command}</code>` },
      { label: 'When', value: `${run.startedAt} → ${run.finishedAt} (${formatDuration(run.durationMs)})` },
    ],
    'summary',
  );
};

/** Who and where the packet is about: the partner org and the target (the host too, except a mock's temporary one). */
const packetSubject = ({ target }: LaunchPacket): string =>
  `${target.partnerOrgId} on ${target.kind}${target.kind === 'mock' ? '' : ` (${target.host})`}`;

/**
 * Renders the packet as one self-contained HTML page: inline CSS, no scripts, every value escaped.
 * A support engineer sees the verdict, the escalation template and the log fields first; gates that
 * passed are collapsed.
 */
export function renderHtml(packet: LaunchPacket): string {
  const title = `DutyClaims launch packet: ${verdictHeadline(packet)} · ${packetSubject(packet)}`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${title}</title>
<style>${rawHtml(PACKET_CSS)}</style>
</head>
<body>
<main>
<header>
  <div class="eyebrow">DutyClaims production launch checklist</div>
  <h1>Launch packet · ${packetSubject(packet)}</h1>
</header>
${banner(packet)}
${watchSection(packet)}
${driftSection(packet)}
${historySection(packet)}
${escalationSection(packet)}
${logFieldsSection(packet)}
<section id="summary"><h2>Run</h2>${summaryFacts(packet)}</section>
<section id="gates">
  <h2>Gates</h2>
  ${gatesOverview(packet.gates)}
  ${packet.gates.map(gateSection)}
</section>
${gradesSection(packet.grades)}
${handoffSection(packet)}
${rollbackPlanSection(packet)}
${timelineSection(packet)}
<footer>Generated by ${packet.tool.name} ${packet.tool.version} · packet schema v${packet.schemaVersion} · run <code>${packet.run.id}</code></footer>
</main>
</body>
</html>
`;
  return page.value;
}
