import type { GradeReport, GradeVerdict } from '../grading/shared/report.js';
import { markdownCode as code, escapeMarkdown as text } from './escape.js';
import {
  describeGradeSettings,
  describeGradeTime,
  GRADE_VERDICT_LABELS,
  gradesAdvice,
  gradesHeadline,
  gradesVerdict,
  reportVerdict,
  summarizeGrades,
} from './grades.js';
import { markdownTable as table } from './markdown-table.js';

/** A not-graded check is amber, like a gate that was not run: never the pass mark. */
const GRADE_MARKS: Record<GradeVerdict, string> = { pass: '✅', fail: '❌', not_graded: '⚠️' };
const gradeVerdict = (value: GradeVerdict) => `${GRADE_MARKS[value]} **${GRADE_VERDICT_LABELS[value]}**`;

/** The grades line under the packet verdict, or nothing when no report is attached. */
export function markdownGradesSummary(grades: readonly GradeReport[]): string[] {
  const headline = gradesHeadline(grades);
  const verdict = gradesVerdict(grades);
  if (headline === null || verdict === null) return [];
  const shown = verdict === 'fail' ? `**${text(headline)}**` : text(headline);
  return ['>', `> ${GRADE_MARKS[verdict]} ${shown} ${text(gradesAdvice(grades) ?? '')}`];
}

/** Evidence lines as code spans, one per line of the table cell. */
const evidenceCell = (evidence: readonly string[]) =>
  evidence.length === 0 ? '_none_' : evidence.map((line) => code(line)).join('<br>');

const reportCounts = (report: GradeReport) => {
  const { pass, fail, notGraded } = summarizeGrades([report]);
  return `${GRADE_MARKS.fail} ${fail} failed · ${GRADE_MARKS.not_graded} ${notGraded} not graded · ${GRADE_MARKS.pass} ${pass} passed`;
};

const reportSection = (report: GradeReport, index: number): string[] => {
  const settings = describeGradeSettings(report.settings);
  return [
    `### ${index + 1}. ${text(report.grader)} grade of ${text(report.target)}: ${gradeVerdict(reportVerdict(report))}`,
    '',
    `- **Grader:** ${text(report.grader)}`,
    `- **Target:** ${code(report.target)}`,
    `- **When:** ${text(describeGradeTime(report))}`,
    `- **Settings:** ${settings.length === 0 ? '_none_' : settings.map((item) => code(item)).join(', ')}`,
    `- **Checks:** ${reportCounts(report)}`,
    '',
    ...(report.checks.length === 0
      ? ['_The report has no checks, so nothing was graded._']
      : table(
          ['Check', 'Verdict', 'Reason', 'Evidence'],
          report.checks.map((check) => [
            `${text(check.title)} (${code(check.id)})`,
            gradeVerdict(check.verdict),
            text(check.reason),
            evidenceCell(check.evidence),
          ]),
        )),
    '',
  ];
};

/** The "Partner integration grades" section: one sub-section per attached report. */
export function markdownGradesSection(grades: readonly GradeReport[]): string[] {
  return [
    '## Partner integration grades',
    '',
    'Grades of your own integration (`dutyclaims-launch grade-webhook`, `dutyclaims-launch grade-client`). They do not change the six gates above; a check that was not graded is not a pass.',
    '',
    ...(grades.length === 0
      ? [
          '_No grade reports were attached. Write one with `dutyclaims-launch grade-webhook --json > webhook-grade.json` (or `grade-client --json -- <command>`) and pass it to `rehearse --grade-report webhook-grade.json`._',
          '',
        ]
      : grades.flatMap(reportSection)),
  ];
}
