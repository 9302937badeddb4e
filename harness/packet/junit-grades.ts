import type { GradeCheck, GradeReport } from '../grading/shared/report.js';
import { escapeXml as xml } from './escape.js';

/** A report without checks still yields one skipped case, so CI is never greener than the packet. */
const casesOf = (report: GradeReport): GradeCheck[] =>
  report.checks.length > 0
    ? [...report.checks]
    : [
        {
          id: 'no-checks',
          title: 'The report has checks',
          verdict: 'not_graded',
          reason: 'The report has no checks, so nothing was graded. Grade again and attach the new report.',
          evidence: [],
        },
      ];

/** Test cases, failures and skips that the grade reports add to the JUnit totals. */
export function gradeCaseCounts(grades: readonly GradeReport[]): { tests: number; failures: number; skipped: number } {
  const cases = grades.flatMap(casesOf);
  return {
    tests: cases.length,
    failures: cases.filter((check) => check.verdict === 'fail').length,
    skipped: cases.filter((check) => check.verdict === 'not_graded').length,
  };
}

const durationSeconds = (report: GradeReport): string => {
  const ms = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  return (Number.isFinite(ms) && ms >= 0 ? ms / 1000 : 0).toFixed(3);
};

function testCase(report: GradeReport, check: GradeCheck): string {
  const open = `    <testcase classname="${xml(`dutyclaims.grade.${report.grader}`)}" name="${xml(`${check.id}: ${check.title}`)}" time="0.000"`;
  const evidence = check.evidence.length === 0 ? 'Evidence: none' : ['Evidence:', ...check.evidence].join('\n');
  const out = `      <system-out>${xml(evidence)}</system-out>`;
  if (check.verdict === 'pass') return [`${open}>`, out, '    </testcase>'].join('\n');
  if (check.verdict === 'not_graded')
    return [
      `${open}>`,
      `      <skipped message="${xml(`Not graded: ${check.reason}`)}"/>`,
      out,
      '    </testcase>',
    ].join('\n');
  const body = [check.reason, '', `${report.grader} grade of ${report.target}`, evidence].join('\n');
  return [
    `${open}>`,
    `      <failure message="${xml(check.reason)}" type="${xml(check.id)}">${xml(body)}</failure>`,
    '    </testcase>',
  ].join('\n');
}

/** One JUnit testsuite per grade report, one test case per check: fail is a failure, not_graded is skipped. */
export function gradeTestSuite(report: GradeReport, index: number): string {
  const cases = casesOf(report);
  const { failures, skipped } = gradeCaseCounts([report]);
  const property = (name: string, value: string) => `      <property name="${xml(name)}" value="${xml(value)}"/>`;
  return [
    `  <testsuite name="${xml(`Partner integration grade: ${report.grader} (${report.target})`)}" id="${xml(`grade-${index + 1}-${report.grader}`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${durationSeconds(report)}">`,
    '    <properties>',
    property('grader', report.grader),
    property('target', report.target),
    property('startedAt', report.startedAt),
    property('finishedAt', report.finishedAt),
    ...Object.entries(report.settings).map(([key, value]) => property(`setting.${key}`, value)),
    '    </properties>',
    ...cases.map((check) => testCase(report, check)),
    '  </testsuite>',
  ].join('\n');
}
