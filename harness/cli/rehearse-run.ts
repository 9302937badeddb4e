// First, before any module of the run builds a schema (see zod-jitless.ts).
import './zod-jitless.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHarnessConfigError } from '../config/errors.js';
import type { HarnessConfig } from '../config/harness-config.js';
import { loadHarnessConfig } from '../config/load-config.js';
import { driftSection, driftStopsCutover } from '../drift/drift-section.js';
import { DRY_RUN_STEPS } from '../gates/catalog.js';
import type { GradeReport } from '../grading/shared/report.js';
import { historyEntry, readHistory } from '../history/history-file.js';
import { isGradeReportFileError, isPacketSecretLeakError, isPacketValidationError } from '../packet/errors.js';
import { readGradeReportFile } from '../packet/grade-report-file.js';
import { summarizeGrades } from '../packet/grades.js';
import type { LaunchPacket } from '../packet/schema.js';
import { redactSecrets } from '../packet/secret-scan.js';
import { type WrittenPacket, writeLaunchPacket } from '../packet/write-packet.js';
import type { StepRecord } from '../rehearsal/observations.js';
import { runLaunchRehearsal } from '../rehearsal/run-rehearsal.js';
import type { CliIo } from './cli-io.js';
import { colorEnabled, painter } from './color.js';
import { readBaseline, recordHistory } from './nightly-inputs.js';
import { summaryLines } from './rehearse-summary.js';
import { monitorOptionsFrom } from './smoke-options.js';
import { ExitCode, UsageError } from './usage-error.js';
import { startWaitProgress } from './wait-progress.js';

/** Reads every --grade-report before the run, so a bad file costs nothing; returns every problem at once. */
async function readGradeReports(files: readonly string[]): Promise<{ reports: GradeReport[]; problems: string[] }> {
  const results = await Promise.allSettled(files.map((file) => readGradeReportFile(file)));
  const problems = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  for (const problem of problems) if (!isGradeReportFileError(problem)) throw problem;
  return {
    reports: results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])),
    problems: problems.map((problem) => (problem as Error).message),
  };
}

/** The configuration and every --grade-report, checked together so one run of the CLI lists every fix. */
async function loadInputs(
  env: Record<string, string | undefined>,
  gradeFiles: readonly string[],
  baselineFile: string | undefined,
) {
  let config: HarnessConfig | undefined;
  let configProblem: string | undefined;
  try {
    config = loadHarnessConfig(env);
  } catch (error) {
    if (!isHarnessConfigError(error)) throw error;
    configProblem = error.message;
  }
  const grades = await readGradeReports(gradeFiles);
  const baseline = await readBaseline(baselineFile);
  const problems = [
    ...(configProblem === undefined ? [] : [configProblem]),
    ...grades.problems,
    ...(baseline.problem === null ? [] : [baseline.problem]),
  ];
  if (problems.length > 0 || config === undefined) throw new UsageError(problems.join('\n\n'));
  return { config, grades: grades.reports, baseline: baseline.packet };
}

/** The secrets of the configured credential, known before any request. */
const configuredSecrets = (config: HarnessConfig): string[] =>
  config.credential === null
    ? []
    : config.credential.kind === 'api_key'
      ? [config.credential.apiKey]
      : [config.credential.clientSecret];

/**
 * Writes the packet. A refused or failed write still ends the run with its summary and exit 1: a packet
 * holding a secret is never written anywhere, any other failure is retried in a fresh temporary directory
 * so the evidence is not lost.
 */
async function writePacket(
  packet: LaunchPacket,
  outDir: string,
  options: { junit: boolean; secrets: readonly string[] },
): Promise<{ files: string[]; problems: string[] }> {
  const filesOf = (written: WrittenPacket) =>
    Object.values(written).filter((file): file is string => typeof file === 'string');
  try {
    return { files: filesOf(await writeLaunchPacket(packet, outDir, options)), problems: [] };
  } catch (error) {
    if (isPacketSecretLeakError(error) || isPacketValidationError(error))
      return { files: [], problems: error.message.split('\n') };
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    const fallback = await mkdtemp(join(tmpdir(), 'dutyclaims-launch-packet-'));
    const problems = [`Could not write the launch packet to ${outDir} (${code}); wrote it to ${fallback} instead.`];
    return { files: filesOf(await writeLaunchPacket(packet, fallback, options)), problems };
  }
}

/** The options `rehearse` and `smoke` parsed (see rehearseUsage). */
export interface RehearseValues {
  readonly target?: string | undefined;
  readonly 'base-url'?: string | undefined;
  readonly out?: string | undefined;
  readonly junit: boolean;
  readonly json: boolean;
  readonly rotation?: boolean;
  readonly 'grade-report'?: string[] | undefined;
  readonly baseline?: string | undefined;
  readonly 'budget-ms'?: string | boolean | undefined;
  readonly 'call-budget-ms'?: string | boolean | undefined;
  readonly 'p95-ms'?: string | boolean | undefined;
  readonly 'window-hours'?: string | boolean | undefined;
  readonly 'traffic-live'?: string | boolean | undefined;
}

/** `rehearse` and `smoke` after their options are parsed: run the gates, print progress and a summary, write the packet. */
export async function runRehearsal(
  command: 'rehearse' | 'smoke',
  argv: readonly string[],
  values: RehearseValues,
  io: CliIo,
): Promise<number> {
  const env: Record<string, string | undefined> = { ...(io.env ?? process.env) };
  if (values.target !== undefined) env.DUTYCLAIMS_TARGET = values.target;
  if (values['base-url'] !== undefined) env.DUTYCLAIMS_BASE_URL = values['base-url'];
  if (values.out !== undefined) env.DUTYCLAIMS_OUT_DIR = values.out;
  if (values.rotation) env.DUTYCLAIMS_ROTATION = 'on';
  const monitor = monitorOptionsFrom(values, env);
  const inputs = await loadInputs(env, values['grade-report'] ?? [], values.baseline);
  const config = command === 'smoke' ? { ...inputs.config, mode: 'smoke' as const, readOnly: true } : inputs.config;
  const known = configuredSecrets(config);
  // Progress and summary are not packet files, but they end up in CI logs: show prefixes only.
  const say = (line: string) => io.out(redactSecrets(line, known));
  const paint = painter(colorEnabled(env, io.tty === true));
  // Waits for authority, status and deliveries can take the whole wait timeout: show what runs.
  const progress = values.json ? null : startWaitProgress({ writeLine: say, writeRaw: io.raw ?? null });
  const running = (step: number) => {
    const next = DRY_RUN_STEPS.find((item) => item.step === step);
    progress?.running(next ? `step ${next.step} ${next.route}` : 'the delivery log read and the gates');
  };
  running(1);
  const onStep = (step: StepRecord) => {
    progress?.clear();
    if (!values.json)
      say(`  ${step.ok ? paint('✓', 'green') : paint('✗', 'red')} step ${step.step}  ${step.route}  ${step.detail}`);
    running(Number(step.step) + 1);
  };
  if (!values.json)
    say(
      `DutyClaims launch ${config.mode} on ${config.target === 'mock' ? 'mock: the reference mock (a rehearsal, not evidence for live traffic)' : config.target}${config.readOnly ? ' (read-only)' : ''}`,
    );
  if (!values.json && command === 'rehearse' && config.readOnly) {
    say('  production allows only a read-only run: gates that need a write will be "not run" and rehearse exits 1;');
    say('  use `dutyclaims-launch smoke` for the nightly read-only run (exit 0 when no gate failed).');
  }
  let rehearsal: Awaited<ReturnType<typeof runLaunchRehearsal>>;
  try {
    // Only flags are recorded: settings with credentials come from the environment, never argv.
    rehearsal = await runLaunchRehearsal({
      config,
      onStep,
      monitor,
      command: ['dutyclaims-launch', command, ...argv].join(' '),
    });
  } catch (error) {
    // A receiver that cannot listen, a mock that does not answer: settings to fix, not a crash.
    if (isHarnessConfigError(error)) throw new UsageError(error.message);
    throw error;
  } finally {
    progress?.stop();
  }
  const secrets = [...known, ...rehearsal.secrets];
  // The grades are the partner's own integration, not this run: attach them as given; they never change the gates.
  const graded: LaunchPacket = { ...rehearsal.packet, grades: inputs.grades };
  const compared: LaunchPacket =
    inputs.baseline && values.baseline
      ? { ...graded, drift: driftSection(inputs.baseline, values.baseline, graded) }
      : graded;
  // The earlier runs of this output directory, with this one on top, for the HTML trend.
  const history = await readHistory(config.outDir).catch(() => ({ entries: [], skipped: 0 }));
  const packet: LaunchPacket = { ...compared, history: [...history.entries, historyEntry(compared)] };
  const written = await writePacket(packet, config.outDir, { junit: values.junit, secrets });
  // The history follows the packet: a run whose packet was not written leaves no line.
  const historyNotes = written.problems.length === 0 ? await recordHistory(packet, config.outDir, history.skipped) : [];
  const report = (line: string) => (values.json ? io.err : io.out)(redactSecrets(line, secrets));
  if (values.json && written.problems.length === 0) io.out(JSON.stringify(packet, null, 2));
  else for (const line of summaryLines(packet)) report(colourSummaryLine(line, paint));
  for (const file of written.files) report(`  packet: ${file}`);
  for (const line of [...historyNotes, ...written.problems]) report(line);
  const failed = packet.gates.some((gate) => gate.verdict === 'fail');
  const notRun = packet.gates.some((gate) => gate.verdict === 'not_run');
  const gradeFailed = summarizeGrades(packet.grades).fail > 0;
  // The nightly watch fails the run on a failed check; a check it could not run is reported, not failed.
  const watchFailed =
    packet.monitor?.checks.some((check) => check.verdict === 'fail') === true || driftStopsCutover(packet.drift);
  // `rehearse` promises every gate proven; only `smoke` accepts gates not run because it is read-only.
  const unwritten = written.problems.length > 0;
  return failed || (notRun && command === 'rehearse') || gradeFailed || watchFailed || unwritten
    ? ExitCode.failed
    : ExitCode.ok;
}

/** Green for what passed, red for what failed: the gate marks and the verdict line of the summary. */
function colourSummaryLine(line: string, paint: ReturnType<typeof painter>): string {
  if (line.startsWith('Verdict: READY')) return paint(line, 'green', 'bold');
  if (line.startsWith('Verdict: ')) return paint(line, 'red', 'bold');
  if (line.startsWith('  ✓ ')) return `  ${paint('✓', 'green')}${line.slice(3)}`;
  if (line.startsWith('  ✗ ')) return `  ${paint('✗', 'red')}${line.slice(3)}`;
  return line;
}
