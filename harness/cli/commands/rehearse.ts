import { parseArgs } from 'node:util';
import { isHarnessConfigError } from '../../config/errors.js';
import { loadHarnessConfig } from '../../config/load-config.js';
import type { GradeReport } from '../../grading/shared/report.js';
import { isGradeReportFileError } from '../../packet/errors.js';
import { readGradeReportFile } from '../../packet/grade-report-file.js';
import { GRADE_VERDICT_LABELS, gradesSentence, summarizeGrades } from '../../packet/grades.js';
import type { LaunchPacket } from '../../packet/schema.js';
import { writeLaunchPacket } from '../../packet/write-packet.js';
import type { StepRecord } from '../../rehearsal/observations.js';
import { runLaunchRehearsal } from '../../rehearsal/run-rehearsal.js';
import type { CliIo } from '../run-cli.js';
import { ExitCode, UsageError } from '../usage-error.js';

export const rehearseUsage = (command: 'rehearse' | 'smoke') => `Usage: dutyclaims-launch ${command} [options]

${command === 'rehearse' ? 'Runs the golden path of the DutyClaims launch checklist and proves each gate.' : 'The nightly read-only run: reads only, no writes are sent; gates that need a write report "not run".'}

Options (each overrides the matching DUTYCLAIMS_* environment variable):
  --target mock|sandbox|production   where to run (DUTYCLAIMS_TARGET, default mock: the embedded reference mock)
  --base-url URL                     the DutyClaims host (DUTYCLAIMS_BASE_URL)
  --out DIR                          where to write the launch packet (DUTYCLAIMS_OUT_DIR, default ./launch-packet)
  --junit                            also write DIR/junit.xml for CI
  --json                             print the packet JSON instead of the summary
  --grade-report FILE                put a partner-integration grade report in the packet; repeatable.
                                     FILE is what \`grade-webhook --json > FILE\` or
                                     \`grade-client --json -- <command> > FILE\` wrote; it is checked before the run

Credentials, owners and webhook settings come from the environment only, so they stay out of
shell history: DUTYCLAIMS_API_KEY, DUTYCLAIMS_PARTNER_ORG_ID, DUTYCLAIMS_ROTATION_OWNER, ... (README).

Exit codes:
  0  every gate passed${command === 'smoke' ? ' (or was not run because the run is read-only)' : ''}, and no grade check failed
  1  a gate failed${command === 'rehearse' ? ' or was not run' : ''}, or a check in a --grade-report failed
     (grades never change the packet verdict, only this exit code)
  2  configuration error, or a --grade-report file that is unreadable or not a grade report`;

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

/** Reads every --grade-report before the run, so a bad file costs nothing; all bad files are named at once. */
async function readGradeReports(files: readonly string[]): Promise<GradeReport[]> {
  const results = await Promise.allSettled(files.map((file) => readGradeReportFile(file)));
  const problems = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  for (const problem of problems) if (!isGradeReportFileError(problem)) throw problem;
  if (problems.length > 0) throw new UsageError(problems.map((problem) => (problem as Error).message).join('\n\n'));
  return results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
}

function summary(packet: LaunchPacket, files: readonly string[]): string[] {
  const width = Math.max(...packet.gates.map((gate) => gate.title.length));
  return [
    '',
    `Gates (${packet.target.kind}, ${packet.target.host}, environment ${packet.target.environment ?? 'unknown'}, contract ${packet.contract.servedHash ?? 'unknown'}):`,
    ...packet.gates.map(
      (gate) =>
        `  ${MARK[gate.verdict]} ${gate.title.padEnd(width)}  ${gate.verdict.toUpperCase().padEnd(7)}  ${gate.verdict === 'pass' ? '' : gate.reason}`,
    ),
    '',
    `Verdict: ${packet.verdict === 'ready' ? 'READY' : 'NOT READY'} (${packet.summary.pass} passed, ${packet.summary.fail} failed, ${packet.summary.notRun} not run) in ${packet.run.durationMs} ms`,
    ...gradesSummary(packet.grades),
    ...files.map((file) => `  packet: ${file}`),
  ];
}

/** `rehearse` and `smoke`: run the gates, print progress and a summary, write the packet. */
export async function runRehearseCommand(
  command: 'rehearse' | 'smoke',
  argv: readonly string[],
  io: CliIo,
): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      target: { type: 'string' },
      'base-url': { type: 'string' },
      out: { type: 'string' },
      junit: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'grade-report': { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    io.out(rehearseUsage(command));
    return ExitCode.ok;
  }
  const env: Record<string, string | undefined> = { ...(io.env ?? process.env) };
  if (values.target !== undefined) env.DUTYCLAIMS_TARGET = values.target;
  if (values['base-url'] !== undefined) env.DUTYCLAIMS_BASE_URL = values['base-url'];
  if (values.out !== undefined) env.DUTYCLAIMS_OUT_DIR = values.out;
  let config: ReturnType<typeof loadHarnessConfig>;
  try {
    config = loadHarnessConfig(env);
  } catch (error) {
    if (isHarnessConfigError(error)) throw new UsageError(error.message);
    throw error;
  }
  if (command === 'smoke') config = { ...config, mode: 'smoke', readOnly: true };
  const grades = await readGradeReports(values['grade-report'] ?? []);
  const onStep = (step: StepRecord) => {
    if (!values.json) io.out(`  ${step.ok ? '✓' : '✗'} step ${step.step}  ${step.route}  ${step.detail}`);
  };
  if (!values.json)
    io.out(`DutyClaims launch ${config.mode} on ${config.target}${config.readOnly ? ' (read-only)' : ''}`);
  if (!values.json && command === 'rehearse' && config.readOnly) {
    io.out('  production allows only a read-only run: gates that need a write will be "not run" and rehearse exits 1;');
    io.out('  use `dutyclaims-launch smoke` for the nightly read-only run (exit 0 when no gate failed).');
  }
  let rehearsal: Awaited<ReturnType<typeof runLaunchRehearsal>>;
  try {
    rehearsal = await runLaunchRehearsal({ config, onStep });
  } catch (error) {
    // A receiver that cannot listen, a mock that does not answer: settings to fix, not a crash.
    if (isHarnessConfigError(error)) throw new UsageError(error.message);
    throw error;
  }
  const { secrets } = rehearsal;
  // The grades are the partner's own integration, not this run: attach them as given; they never change the gates.
  const packet: LaunchPacket = { ...rehearsal.packet, grades };
  const written = await writeLaunchPacket(packet, config.outDir, { junit: values.junit, secrets });
  const files = Object.values(written).filter((file): file is string => typeof file === 'string');
  if (values.json) io.out(JSON.stringify(packet, null, 2));
  else for (const line of summary(packet, files)) io.out(line);
  const failed = packet.gates.some((gate) => gate.verdict === 'fail');
  const notRun = packet.gates.some((gate) => gate.verdict === 'not_run');
  const gradeFailed = summarizeGrades(packet.grades).fail > 0;
  // `rehearse` promises every gate proven; only `smoke` accepts gates not run because it is read-only.
  return failed || (notRun && command === 'rehearse') || gradeFailed ? ExitCode.failed : ExitCode.ok;
}
