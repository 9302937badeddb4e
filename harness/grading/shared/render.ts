import { type GradeReport, type GradeVerdict, summarizeGradeReport } from './report.js';

export interface RenderGradeOptions {
  /** Print each check's evidence under it. Default false. */
  readonly evidence?: boolean;
}

const LABEL: Record<GradeVerdict, string> = { pass: 'PASS', fail: 'FAIL', not_graded: 'NOT GRADED' };

/** Renders a report as a plain-text table: one row per check, a summary line last. */
export function renderGradeReport(report: GradeReport, options: RenderGradeOptions = {}): string {
  const idWidth = Math.max(5, ...report.checks.map((check) => check.id.length));
  const verdictWidth = Math.max(...Object.values(LABEL).map((label) => label.length));
  const row = (verdict: string, id: string, text: string) =>
    `${verdict.padEnd(verdictWidth)}  ${id.padEnd(idWidth)}  ${text}`.trimEnd();
  const settings = Object.entries(report.settings).map(([key, value]) => `${key}=${value}`);
  const lines = [
    `${report.grader} grade of ${report.target}`,
    ...(settings.length > 0 ? [settings.join('  ')] : []),
    `${report.startedAt} .. ${report.finishedAt}`,
    '',
    row('VERDICT', 'CHECK', 'REASON'),
  ];
  for (const check of report.checks) {
    lines.push(row(LABEL[check.verdict], check.id, check.reason));
    if (options.evidence) for (const item of check.evidence) lines.push(`${' '.repeat(verdictWidth + 2)}  - ${item}`);
  }
  const { pass, fail, notGraded } = summarizeGradeReport(report);
  lines.push('', `${report.checks.length} checks: ${pass} pass, ${fail} fail, ${notGraded} not graded`);
  return `${lines.join('\n')}\n`;
}
