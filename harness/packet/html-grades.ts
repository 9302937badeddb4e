import type { GradeCheck, GradeReport, GradeVerdict } from '../grading/shared/report.js';
import { html, type SafeHtml } from './escape.js';
import {
  describeGradeSettings,
  describeGradeTime,
  GRADE_VERDICT_LABELS,
  gradeAnchor,
  gradesAdvice,
  gradesHeadline,
  gradesVerdict,
  reportVerdict,
  summarizeGrades,
} from './grades.js';
import { factList } from './html-support.js';

const GRADE_SYMBOLS: Record<GradeVerdict, string> = { pass: '✓', fail: '✗', not_graded: '–' };
const COUNT_WORDS: Record<GradeVerdict, string> = { pass: 'passed', fail: 'failed', not_graded: 'not graded' };

/** Evidence lists longer than this show their first lines and collapse the rest. */
const EVIDENCE_INLINE_MAX = 3;
const EVIDENCE_SHOWN_WHEN_COLLAPSED = 2;

/** A grade verdict badge: symbol, word and colour; not graded is amber and dashed, never green. */
const gradeBadge = (verdict: GradeVerdict, size: 'small' | 'big' = 'small'): SafeHtml =>
  html`<span class="verdict ${verdict}${size === 'big' ? ' big' : ''}" data-verdict="${verdict}"><span aria-hidden="true">${GRADE_SYMBOLS[verdict]}</span> ${GRADE_VERDICT_LABELS[verdict]}</span>`;

const gradeCount = (verdict: GradeVerdict, count: number): SafeHtml =>
  html`<span class="verdict ${verdict}${count === 0 ? ' zero' : ''}" data-count="${verdict}"><span aria-hidden="true">${GRADE_SYMBOLS[verdict]}</span> ${count} ${COUNT_WORDS[verdict]}</span>`;

/** The grades line in the verdict banner, or nothing when no report is attached. */
export function gradesSummaryHtml(grades: readonly GradeReport[]): SafeHtml {
  const headline = gradesHeadline(grades);
  const verdict = gradesVerdict(grades);
  if (headline === null || verdict === null) return html``;
  return html`<p class="grades-summary ${verdict}" id="grades-summary" data-verdict="${verdict}"><span aria-hidden="true">${GRADE_SYMBOLS[verdict]}</span> <strong>${headline}</strong> ${gradesAdvice(grades)} <a href="#grades">See the grades</a></p>`;
}

const evidenceItems = (lines: readonly string[]): SafeHtml =>
  html`<ul class="evidence">${lines.map((line) => html`<li><code>${line}</code></li>`)}</ul>`;

/** Short evidence in full; a long list shows its first lines and folds the rest into <details>. */
const evidenceCell = (evidence: GradeCheck['evidence']): SafeHtml => {
  if (evidence.length === 0) return html`<span class="muted">none</span>`;
  if (evidence.length <= EVIDENCE_INLINE_MAX) return evidenceItems(evidence);
  const rest = evidence.slice(EVIDENCE_SHOWN_WHEN_COLLAPSED);
  return html`${evidenceItems(evidence.slice(0, EVIDENCE_SHOWN_WHEN_COLLAPSED))}<details><summary>${rest.length} more evidence lines</summary>${evidenceItems(rest)}</details>`;
};

const checksTable = (report: GradeReport): SafeHtml =>
  report.checks.length === 0
    ? html`<p class="muted">The report has no checks, so nothing was graded.</p>`
    : html`<div class="scroll"><table class="grade-checks">
  <thead><tr><th>Check</th><th>Verdict</th><th>Reason</th><th>Evidence</th></tr></thead>
  <tbody>${report.checks.map(
    (check) =>
      html`<tr class="${check.verdict}" data-check="${check.id}" data-verdict="${check.verdict}"><td>${check.title}<span class="sub"><code>${check.id}</code></span></td><td>${gradeBadge(check.verdict)}</td><td>${check.reason}</td><td>${evidenceCell(check.evidence)}</td></tr>`,
  )}</tbody>
</table></div>`;

const reportSection = (report: GradeReport, index: number): SafeHtml => {
  const verdict = reportVerdict(report);
  const { pass, fail, notGraded } = summarizeGrades([report]);
  const settings = describeGradeSettings(report.settings);
  return html`
<section class="grade-report ${verdict}" id="${gradeAnchor(index)}" data-grader="${report.grader}" data-verdict="${verdict}">
  <header><h3>${index + 1}. ${report.grader} grade of ${report.target}</h3>${gradeBadge(verdict, 'big')}</header>
  ${factList([
    { label: 'Grader', value: report.grader },
    { label: 'Target', value: html`<code>${report.target}</code>` },
    { label: 'When', value: describeGradeTime(report) },
    {
      label: 'Settings',
      value:
        settings.length === 0
          ? null
          : html`${settings.map((item, at) => html`${at === 0 ? '' : ' '}<code>${item}</code>`)}`,
      missing: 'none',
    },
  ])}
  <div class="counts" aria-label="Check counts">${gradeCount('fail', fail)}${gradeCount('not_graded', notGraded)}${gradeCount('pass', pass)}</div>
  ${checksTable(report)}
</section>`;
};

/** The "Partner integration grades" section: one sub-section per attached report. */
export const gradesSection = (grades: readonly GradeReport[]): SafeHtml => html`
<section id="grades">
  <h2>Partner integration grades</h2>
  <p class="muted">Grades of your own integration (<code>dutyclaims-launch grade-webhook</code>, <code>dutyclaims-launch grade-client</code>). They do not change the six gates above; a check that was not graded is not a pass.</p>
  ${
    grades.length === 0
      ? html`<p class="muted">No grade reports were attached. Write one with <code>dutyclaims-launch grade-webhook --json &gt; webhook-grade.json</code> (or <code>grade-client --json -- &lt;command&gt;</code>) and pass it to <code>rehearse --grade-report webhook-grade.json</code>.</p>`
      : grades.map(reportSection)
  }
</section>`;
