import { escapeXml as xml } from './escape.js';
import { describeAttemptLog, verdictHeadline } from './format.js';
import { gradesHeadline } from './grades.js';
import { gradeCaseCounts, gradeTestSuite } from './junit-grades.js';
import { watchCases, watchSuites } from './junit-watch.js';
import type { GateResult, LaunchPacket, Verdict } from './schema.js';

interface TestCase {
  readonly name: string;
  readonly verdict: Verdict;
  readonly detail: string;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * The checks of a gate as test cases. When the checks do not carry the gate's verdict (no checks, or
 * a failed/not-run gate whose checks all passed), the gate verdict becomes a case of its own so CI
 * can never be greener than the packet.
 */
function casesOf(gate: GateResult): TestCase[] {
  const cases: TestCase[] = gate.checks.map((check) => ({ ...check }));
  const carried = gate.verdict === 'pass' || cases.some((item) => item.verdict === gate.verdict);
  if (cases.length === 0 || !carried)
    cases.push({ name: `Gate verdict: ${gate.title}`, verdict: gate.verdict, detail: gate.reason });
  return cases;
}

/** The retried calls behind a gate, each attempt with its status, error code and request id. */
function retriedCalls(packet: LaunchPacket, gate: GateResult): string[] {
  return packet.logFields.flatMap((fields) => {
    const attempts = describeAttemptLog(fields);
    const ours = fields.attemptLog.some((item) => item.requestId !== null && gate.requestIds.includes(item.requestId));
    return attempts !== null && ours ? [`${fields.method} ${fields.route}: ${attempts}`] : [];
  });
}

function testCase(packet: LaunchPacket, gate: GateResult, item: TestCase): string {
  const open = `    <testcase classname="${xml(`dutyclaims.launch.${gate.id}`)}" name="${xml(item.name)}" time="0.000"`;
  if (item.verdict === 'pass') return `${open}/>`;
  if (item.verdict === 'not_run')
    return `${open}>\n      <skipped message="${xml(`Not run: ${item.detail}`)}"/>\n    </testcase>`;
  const body = [
    item.detail,
    '',
    `Gate "${gate.title}" failed: ${gate.reason}`,
    `Request IDs: ${gate.requestIds.join(', ') || 'none'}`,
  ];
  const retried = retriedCalls(packet, gate);
  if (retried.length > 0) body.push('Retried calls (attempt: status error-code request-id):', ...retried);
  return [
    `${open}>`,
    `      <failure message="${xml(item.detail)}" type="${xml(gate.id)}">${xml(body.join('\n'))}</failure>`,
    '    </testcase>',
  ].join('\n');
}

function testSuite(packet: LaunchPacket, gate: GateResult): string {
  const cases = casesOf(gate);
  const count = (verdict: Verdict) => cases.filter((item) => item.verdict === verdict).length;
  return [
    `  <testsuite name="${xml(gate.title)}" id="${xml(gate.id)}" tests="${cases.length}" failures="${count('fail')}" errors="0" skipped="${count('not_run')}" time="${seconds(gate.durationMs)}">`,
    '    <properties>',
    `      <property name="verdict" value="${xml(gate.verdict)}"/>`,
    `      <property name="route" value="${xml(gate.route)}"/>`,
    `      <property name="requestIds" value="${xml(gate.requestIds.join(' '))}"/>`,
    `      <property name="evidenceSource" value="${xml(packet.evidence.source)}"/>`,
    `      <property name="supportsLiveTraffic" value="${String(packet.evidence.supportsLiveTraffic)}"/>`,
    '    </properties>',
    ...cases.map((item) => testCase(packet, gate, item)),
    `    <system-out>${xml(`${gate.verdict.toUpperCase()}: ${gate.reason}`)}</system-out>`,
    '  </testsuite>',
  ].join('\n');
}

/**
 * Renders the packet as JUnit XML for CI: one test case per gate check (fail is a failure, not_run is
 * skipped), then one test suite per partner integration grade report (not_graded is skipped).
 */
export function renderJunit(packet: LaunchPacket): string {
  const all = packet.gates.flatMap(casesOf);
  const count = (verdict: Verdict) => all.filter((item) => item.verdict === verdict).length;
  const grades = gradeCaseCounts(packet.grades);
  const watch = Object.values(watchCases(packet)).flat();
  const watchCount = (verdict: Verdict) => watch.filter((item) => item.verdict === verdict).length;
  const headline = gradesHeadline(packet.grades);
  const name = `DutyClaims launch ${packet.run.mode} (${packet.target.kind}, ${packet.target.host}): ${verdictHeadline(packet)}${headline === null ? '' : ` · ${headline}`}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(name)}" tests="${all.length + grades.tests + watch.length}" failures="${count('fail') + grades.failures + watchCount('fail')}" errors="0" skipped="${count('not_run') + grades.skipped + watchCount('not_run')}" time="${seconds(packet.run.durationMs)}">`,
    ...packet.gates.map((gate) => testSuite(packet, gate)),
    ...packet.grades.map(gradeTestSuite),
    ...watchSuites(packet),
    '</testsuites>',
    '',
  ].join('\n');
}
