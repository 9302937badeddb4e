import { html, type SafeHtml } from './escape.js';
import {
  describeAttemptLog,
  describeRequest,
  escalationLabels,
  formatDuration,
  NOT_RECORDED,
  OWNER_LABELS,
  successfulExample,
} from './format.js';
import type { LaunchPacket, LogFields } from './schema.js';

interface Fact {
  readonly label: string;
  readonly value: string | SafeHtml | null;
  /** Shown in red: a value the launch needs but does not have (or has wrong). */
  readonly problem?: boolean;
  /** What to show for null; defaults to "not recorded". */
  readonly missing?: string;
  /** A null is a problem (red) rather than merely empty (grey). */
  readonly required?: boolean;
}

const factClass = (fact: Fact): string => {
  if (fact.problem || (fact.value === null && fact.required)) return 'problem';
  return fact.value === null ? 'empty' : '';
};

/** A grid of label/value facts; nulls read "not recorded" (or `missing`). */
export const factList = (facts: readonly Fact[], className = ''): SafeHtml =>
  html`<dl class="facts ${className}">${facts.map(
    (fact) =>
      html`<div class="${factClass(fact)}"><dt>${fact.label}</dt><dd>${fact.value ?? fact.missing ?? NOT_RECORDED}</dd></div>`,
  )}</dl>`;

const artifactsTable = (packet: LaunchPacket): SafeHtml =>
  packet.artifacts.length === 0
    ? html`<p class="muted">No artifacts were recorded (no OpenAPI or pact files were given).</p>`
    : html`<div class="scroll"><table class="artifacts">
  <thead><tr><th>Kind</th><th>Path</th><th>SHA-256</th><th>Contract hash</th></tr></thead>
  <tbody>${packet.artifacts.map(
    (artifact) =>
      html`<tr><td>${artifact.kind}</td><td><code>${artifact.path}</code></td><td><code>${artifact.sha256}</code></td><td>${artifact.contractHash === null ? html`<span class="muted">${NOT_RECORDED}</span>` : html`<code>${artifact.contractHash}</code>${artifact.contractHash === packet.contract.pinnedHash ? '' : html` <strong class="verdict fail">differs from pin</strong>`}`}</td></tr>`,
  )}</tbody>
</table></div>`;

/** The checklist's "Support handoff packet": example, contract and artifacts, webhook, owners. */
export function handoffSection(packet: LaunchPacket): SafeHtml {
  const example = successfulExample(packet);
  return html`
<section id="handoff">
  <h2>Support handoff packet</h2>
  ${factList([
    {
      label: 'Successful request from this build',
      value: example ? html`<code>${describeRequest(example)}</code> at <code>${example.timestamp}</code>` : null,
      missing: 'none recorded',
    },
    { label: 'Contract hash (pinned)', value: html`<code>${packet.contract.pinnedHash}</code>` },
    { label: 'Webhook endpoint ID', value: packet.webhook.endpointId },
    { label: 'Webhook secret prefix', value: packet.webhook.secretPrefix },
    { label: 'Synthetic test result', value: packet.webhook.syntheticTest },
    {
      label: 'Webhook delivery IDs',
      value: packet.webhook.deliveryIds.length === 0 ? null : packet.webhook.deliveryIds.join(', '),
      missing: 'none',
    },
    ...OWNER_LABELS.map(([key, label]) => ({ label, value: packet.owners[key], missing: 'NOT NAMED', required: true })),
  ])}
  <div class="block"><h4>Artifacts used</h4>${artifactsTable(packet)}</div>
</section>`;
}

/** The escalation template from the "Support and rollback packet" gate. */
export const escalationSection = (packet: LaunchPacket): SafeHtml => html`
<section id="escalation">
  <h2>Escalation template</h2>
  <p class="muted">Escalate with these exact identifiers instead of paraphrasing the failure. Fill in anything marked "to fill in".</p>
  ${factList(
    escalationLabels(packet).map(([key, label]) => ({ label, value: packet.escalation[key], missing: 'to fill in' })),
    'escalation',
  )}
</section>`;

const codeOrDash = (value: string | null, className = ''): SafeHtml =>
  value === null ? html`<span class="muted">–</span>` : html`<code class="${className}">${value}</code>`;

/** A route that may wrap after each "/" instead of between arbitrary characters. */
const breakableRoute = (fields: LogFields): SafeHtml => {
  const route = fields.route.startsWith(`${fields.method} `)
    ? fields.route.slice(fields.method.length + 1)
    : fields.route;
  const parts = route.split('/');
  return html`<code>${fields.method}</code> <code class="wrap">${parts.map((part, index) => (index === 0 ? part : html`/<wbr>${part}`))}</code>`;
};

/** Date over time, so the column stays narrow; the text is still the exact timestamp. */
const timestampCell = (timestamp: string): SafeHtml => {
  const at = timestamp.indexOf('T');
  if (at === -1) return html`<code>${timestamp}</code>`;
  return html`<code>${timestamp.slice(0, at)}</code><span class="sub"><code>${timestamp.slice(at)}</code></span>`;
};

const logRow = (fields: LogFields): SafeHtml => {
  const ids = Object.entries(fields.ids);
  return html`<tr class="${fields.outcome}">
    <td>${timestampCell(fields.timestamp)}</td>
    <td>${fields.step === null ? '' : html`<span class="sub">Step ${fields.step}</span>`}${breakableRoute(fields)}</td>
    <td><span class="status">${fields.status ?? 'no response'}</span>${fields.errorCode === null ? '' : html`<span class="sub"><code class="wrap">${fields.errorCode}</code></span>`}<span class="sub">${fields.environment ?? 'environment not read'}</span></td>
    <td>${codeOrDash(fields.requestId)}<span class="sub">${codeOrDash(fields.correlationId)}</span></td>
    <td>${codeOrDash(fields.idempotencyKey, 'wrap')}<span class="sub">${fields.replayed ? 'replayed' : fields.idempotencyKey === null ? '' : 'not replayed'}</span></td>
    <td>${formatDuration(fields.durationMs)}<span class="sub">${describeAttemptLog(fields) ?? `${fields.attempts} attempt${fields.attempts === 1 ? '' : 's'}`}</span></td>
    <td>${codeOrDash(fields.partnerOrgId)}${ids.map(([key, value]) => html`<span class="sub">${key} <code>${value}</code></span>`)}</td>
  </tr>`;
};

/** The checklist's minimum log fields, one row per write and per non-2xx response. */
export const logFieldsSection = (packet: LaunchPacket): SafeHtml => html`
<section id="log-fields">
  <h2>Minimum log fields</h2>
  <p class="muted">Request id, correlation id, idempotency key, partner org and resource ids, route, method, timestamp and environment for every write and every non-2xx response.</p>
  ${
    packet.logFields.length === 0
      ? html`<p class="muted">No requests were logged.</p>`
      : html`<div class="scroll"><table class="log-fields">
  <thead><tr><th>Timestamp</th><th>Route</th><th>Status · environment</th><th>Request ID · correlation ID</th><th>Idempotency key</th><th>Duration</th><th>Partner org · resource IDs</th></tr></thead>
  <tbody>${packet.logFields.map(logRow)}</tbody>
</table></div>`
  }
</section>`;

/** What happened, in order; problems are marked in words as well as colour. */
export const timelineSection = (packet: LaunchPacket): SafeHtml => html`
<section id="timeline">
  <h2>Timeline</h2>
  ${
    packet.timeline.length === 0
      ? html`<p class="muted">No timeline was recorded.</p>`
      : html`<ol class="timeline">${packet.timeline.map(
          (entry) =>
            html`<li class="${entry.ok ? 'ok' : 'problem'}"><time>${entry.at}</time>${entry.ok ? '' : html`<span class="problem-label">Problem: </span>`}<strong>${entry.step}</strong> <span class="muted">${entry.detail}</span></li>`,
        )}</ol>`
  }
</section>`;
