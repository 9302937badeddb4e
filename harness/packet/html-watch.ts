import { html, type SafeHtml } from './escape.js';
import { trendSvg } from './html-trend.js';
import type { LaunchPacket } from './schema.js';
import { VERDICT_LABELS } from './verdict.js';
import { driftHeadline, NO_BASELINE, shown } from './watch-text.js';

const SYMBOLS = { pass: '✓', fail: '✗', not_run: '–' } as const;

/** The nightly watch of a smoke run, one row per check; nothing for a rehearsal. */
export function watchSection(packet: LaunchPacket): SafeHtml {
  if (packet.monitor === null) return html``;
  return html`<section id="watch"><h2>Nightly watch</h2>
<div class="scroll"><table><thead><tr><th>Check</th><th>Verdict</th><th>Detail</th><th>Evidence</th></tr></thead><tbody>
${packet.monitor.checks.map(
  (check) =>
    html`<tr data-check="${check.id}" data-verdict="${check.verdict}"><td>${check.title}</td><td><span class="verdict ${check.verdict}"><span aria-hidden="true">${SYMBOLS[check.verdict]}</span> ${VERDICT_LABELS[check.verdict]}</span></td><td>${check.detail}</td><td>${check.evidence.map((line) => html`<code>${line}</code><br>`)}</td></tr>`,
)}
</tbody></table></div>
</section>`;
}

/** The last runs of this output directory as a small inline SVG trend; nothing without a history. */
export const historySection = (packet: LaunchPacket): SafeHtml =>
  packet.history.length === 0
    ? html``
    : html`<section id="history"><h2>Recent runs</h2>${trendSvg(packet.history)}</section>`;

/** "Changes since the baseline" (or parity), present in every packet so its absence never reads as "no drift". */
export function driftSection(packet: LaunchPacket): SafeHtml {
  const { drift } = packet;
  const heading = drift?.mode === 'parity' ? 'Sandbox-to-production parity' : 'Changes since the baseline';
  if (drift === null)
    return html`<section id="drift" data-baseline="none"><h2>${heading}</h2><p class="muted">${NO_BASELINE}</p></section>`;
  const stops = drift.changes.some((change) => change.stopsCutover);
  return html`<section id="drift" data-baseline="${drift.baseline.runId}" data-stops-cutover="${String(stops)}"><h2>${heading}</h2>
<p${stops ? html` class="reason"` : html``}>${driftHeadline(drift)}</p>
${
  drift.changes.length === 0
    ? html``
    : html`<div class="scroll"><table><thead><tr><th>What</th><th>Before</th><th>After</th><th>Stops the cutover</th><th>Why</th></tr></thead><tbody>
${drift.changes.map(
  (change) =>
    html`<tr data-field="${change.field}" data-stops-cutover="${String(change.stopsCutover)}"><td><code>${change.field}</code></td><td><code>${shown(change.before)}</code></td><td><code>${shown(change.after)}</code></td><td>${change.stopsCutover ? html`<span class="verdict fail">✗ yes</span>` : 'no'}</td><td>${change.detail}</td></tr>`,
)}
</tbody></table></div>`
}
</section>`;
}

/** The rollback plan as given (escaped, preformatted); a line saying none was given otherwise. */
export const rollbackPlanSection = ({ rollbackPlan: plan }: LaunchPacket): SafeHtml =>
  plan === null
    ? html`<section id="rollback-plan"><h2>Rollback plan</h2><p class="muted">No rollback plan was given (DUTYCLAIMS_ROLLBACK_PLAN_FILE).</p></section>`
    : html`<section id="rollback-plan"><h2>Rollback plan</h2><p class="muted">From <code>${plan.file}</code></p><pre>${plan.text}</pre></section>`;
