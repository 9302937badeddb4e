import { html, rawHtml, type SafeHtml } from './escape.js';
import { formatDuration } from './format.js';
import type { GateResult, Verdict } from './schema.js';
import { VERDICT_LABELS } from './verdict.js';

const VERDICT_SYMBOLS: Record<Verdict, string> = { pass: '✓', fail: '✗', not_run: '–' };

/** A verdict badge: symbol, word and colour, so it reads the same in greyscale. */
export const verdictBadge = (verdict: Verdict, size: 'small' | 'big' = 'small'): SafeHtml =>
  html`<span class="verdict ${verdict}${size === 'big' ? ' big' : ''}" data-verdict="${verdict}"><span aria-hidden="true">${VERDICT_SYMBOLS[verdict]}</span> ${VERDICT_LABELS[verdict]}</span>`;

const COUNT_WORDS: Record<Verdict, string> = { pass: 'passed', fail: 'failed', not_run: 'not run' };

/** "✓ 4 passed", coloured like the verdict; a zero count is grey so it does not alarm. */
export const verdictCount = (verdict: Verdict, count: number): SafeHtml =>
  html`<span class="verdict ${verdict} big${count === 0 ? ' zero' : ''}" data-count="${verdict}"><span aria-hidden="true">${VERDICT_SYMBOLS[verdict]}</span> ${count} ${COUNT_WORDS[verdict]}</span>`;

/** Checklist prose marks header names with backticks; show those as code. */
const withInlineCode = (text: string): SafeHtml => {
  const parts = text.split('`');
  if (parts.length % 2 === 0) return html`${text}`;
  return html`${parts.map((part, index) => (index % 2 === 1 ? html`<code>${part}</code>` : part))}`;
};

export const gateAnchor = (gate: Pick<GateResult, 'id'>): string => `gate-${gate.id}`;

/** The overview table: one row per gate with its verdict and why. */
export const gatesOverview = (gates: readonly GateResult[]): SafeHtml => html`
<div class="scroll"><table class="gates-overview">
  <thead><tr><th>#</th><th>Gate</th><th>Verdict</th><th>Why</th></tr></thead>
  <tbody>${gates.map(
    (gate, index) => html`
    <tr data-gate="${gate.id}"><td>${index + 1}</td><td class="nowrap"><a href="#${gateAnchor(gate)}">${gate.title}</a></td>
      <td>${verdictBadge(gate.verdict)}</td><td>${gate.reason}</td></tr>`,
  )}
  </tbody>
</table></div>`;

const checksTable = (checks: GateResult['checks']): SafeHtml =>
  checks.length === 0
    ? html`<p class="muted">No individual checks were recorded.</p>`
    : html`<div class="scroll"><table class="checks">
  <thead><tr><th>Check</th><th>Verdict</th><th>Detail</th></tr></thead>
  <tbody>${checks.map((check) => html`<tr><td>${check.name}</td><td>${verdictBadge(check.verdict)}</td><td>${check.detail}</td></tr>`)}</tbody>
</table></div>`;

const evidenceList = (evidence: GateResult['evidence']): SafeHtml =>
  evidence.length === 0
    ? html`<p class="muted">No evidence recorded.</p>`
    : html`<dl class="facts">${evidence.map((item) => html`<div><dt>${item.label}</dt><dd>${item.value}</dd></div>`)}</dl>`;

const requestIdList = (ids: readonly string[]): SafeHtml =>
  ids.length === 0
    ? html`<p class="muted">No requests.</p>`
    : html`<ul class="ids">${ids.map((id) => html`<li><code>${id}</code></li>`)}</ul>`;

/** One gate: verdict, why, what it must prove, its checks, evidence and request ids; collapsed when it passed. */
export const gateSection = (gate: GateResult, index: number): SafeHtml => html`
<details class="gate ${gate.verdict}" id="${gateAnchor(gate)}" data-gate="${gate.id}" data-verdict="${gate.verdict}"${gate.verdict === 'pass' ? '' : rawHtml(' open')}>
  <summary><header><h3>${index + 1}. ${gate.title}</h3>${verdictBadge(gate.verdict, 'big')}</header></summary>
  <p class="route muted">Verify with <code>${gate.route}</code> · ${formatDuration(gate.durationMs)}</p>
  <p class="reason"><strong>${gate.verdict === 'pass' ? 'Why it passed' : gate.verdict === 'fail' ? 'What to fix' : 'Why it was not run'}:</strong> ${gate.reason}</p>
  <div class="two">
    <div><h4>What you must prove</h4><p>${withInlineCode(gate.mustProve)}</p></div>
    <div><h4>Evidence to keep</h4><p>${withInlineCode(gate.evidenceToKeep)}</p></div>
  </div>
  <div class="block"><h4>Checks</h4>${checksTable(gate.checks)}</div>
  <div class="block"><h4>Evidence</h4>${evidenceList(gate.evidence)}</div>
  <div class="block"><h4>Request ids</h4>${requestIdList(gate.requestIds)}</div>
</details>`;
