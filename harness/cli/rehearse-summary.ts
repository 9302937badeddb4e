import type { GradeReport } from '../grading/shared/report.js';
import { verdictHeadline } from '../packet/format.js';
import { GRADE_VERDICT_LABELS, gradesSentence } from '../packet/grades.js';
import type { LaunchPacket } from '../packet/schema.js';
import { PACKET_VERDICT_LABELS } from '../packet/verdict.js';
import { describeChange, driftHeadline } from '../packet/watch-text.js';

const MARK = { pass: '✓', fail: '✗', not_run: '–' } as const;
const GRADE_MARK = { pass: '✓', fail: '✗', not_graded: '–' } as const;

/** The grades under the gate summary: the counts, then every check that did not pass. */
function gradesSummary(grades: readonly GradeReport[]): string[] {
  const sentence = gradesSentence(grades);
  if (sentence === null) return [];
  return [
    '',
    sentence,
    ...grades.flatMap((report) => [
      `  ${report.grader} grade of ${report.target}:`,
      ...report.checks
        .filter((check) => check.verdict !== 'pass')
        .map(
          (check) =>
            `    ${GRADE_MARK[check.verdict]} ${GRADE_VERDICT_LABELS[check.verdict].padEnd(10)}  ${check.id}  ${check.reason}`,
        ),
    ]),
    '',
  ];
}

/** Where the evidence came from and, for each thing it does not prove, the run that would. */
function evidenceSummary({ evidence }: LaunchPacket): string[] {
  return [
    `Evidence: ${evidence.label}; ${evidence.supportsLiveTraffic ? 'supports' : 'does not support'} asking for live traffic`,
    ...evidence.unproven.flatMap((item) => [
      `  unproven (${item.id}): ${item.reason}`,
      `    prove it with: ${item.proveWith}`,
    ]),
  ];
}

/** The nightly watch and the changes since the baseline: every check, then every change. */
function watchSummary(packet: LaunchPacket): string[] {
  const lines: string[] = [];
  if (packet.monitor !== null)
    lines.push(
      '',
      'Nightly watch:',
      ...packet.monitor.checks.map(
        (check) => `  ${MARK[check.verdict]} ${check.title}  ${check.verdict.toUpperCase()}  ${check.detail}`,
      ),
    );
  if (packet.drift !== null)
    lines.push(
      '',
      driftHeadline(packet.drift),
      ...packet.drift.changes.map(
        (change) => `  ${change.stopsCutover ? MARK.fail : MARK.not_run} ${describeChange(change)}`,
      ),
    );
  return lines;
}

/** The terminal summary of a run: gates, verdict with what it is evidence of, grades. */
export function summaryLines(packet: LaunchPacket): string[] {
  const width = Math.max(...packet.gates.map((gate) => gate.title.length));
  const label = PACKET_VERDICT_LABELS[packet.verdict];
  const counts = `(${packet.summary.pass} passed, ${packet.summary.fail} failed, ${packet.summary.notRun} not run)`;
  return [
    '',
    `Gates (${packet.target.kind}, ${packet.target.host}, environment ${packet.target.environment ?? 'unknown'}, contract ${packet.contract.servedHash ?? 'unknown'}):`,
    ...packet.gates.map(
      (gate) =>
        `  ${MARK[gate.verdict]} ${gate.title.padEnd(width)}  ${gate.verdict.toUpperCase().padEnd(7)}  ${gate.verdict === 'pass' ? '' : gate.reason}`,
    ),
    '',
    `Verdict: ${label} ${counts} in ${packet.run.durationMs} ms${verdictHeadline(packet).slice(label.length)}`,
    ...evidenceSummary(packet),
    ...gradesSummary(packet.grades),
    ...watchSummary(packet),
  ];
}
