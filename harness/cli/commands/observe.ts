import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isObserveError } from '../../observe/errors.js';
import { readFaultSchedule } from '../../observe/fault-schedule.js';
import type { DeclaredClient } from '../../observe/grade-traffic.js';
import { mergeObservedPacket } from '../../observe/merge-packets.js';
import { observe } from '../../observe/run-observe.js';
import { isGradeReportFileError } from '../../packet/errors.js';
import { readGradeReportFile } from '../../packet/grade-report-file.js';
import { reportVerdict } from '../../packet/grades.js';
import { validateLaunchPacket } from '../../packet/validate-packet.js';
import { writeLaunchPacket } from '../../packet/write-packet.js';
import type { CliIo } from '../cli-io.js';
import { ExitCode, UsageError } from '../usage-error.js';

export const observeUsage = `Usage: dutyclaims-launch observe --upstream <sandbox base URL> --contract-hash H [--port 4020]
                               [--faults FILE] [--out DIR] [--merge-with REHEARSE_PACKET.json] [-- <command>]

Starts a local proxy in front of the DutyClaims host. Point your application's DutyClaims base URL at
it and run your real flow, or give the command after --: it runs with DUTYCLAIMS_BASE_URL set to the
proxy. When the command exits (or on Ctrl-C without one), the six launch gates and the client-grading
checks are judged from your own traffic and the launch packet is written (evidence: partner traffic
through the proxy, and which host). What the traffic did not show is "not run", never a pass.

  --upstream URL             the provider's base URL; it must report the --target environment
  --target sandbox|production  (default sandbox) production: no faults, reads only
  --allow-production-writes  forward writes to production too
  --contract-hash H          the hash your generated artifacts came from (DUTYCLAIMS_CONTRACT_HASH)
  --faults FILE              a JSON array of faults by route and count: status, rate_limit, drop, hang,
                             delay, lost_response (forwarded, then the answer is dropped)
  --timeout-ms, --max-concurrency, --max-retries, --max-backoff-ms   what your client declares
  --command-timeout-ms MS    how long the command may run (default 600000)
  --port N (default 4020)  --host H (loopback; --allow-non-loopback-host otherwise)
  --journal-capacity N       the most exchanges kept (default 10000)
  --out DIR                  where the packet goes (DUTYCLAIMS_OUT_DIR, default ./launch-packet)
  --grade-report FILE        attach a grade report (repeatable); a passing grade-webhook report of your
                             receiver proves "verified against the raw body", which no proxy can see
  --merge-with FILE          also write the merge of a rehearse packet and this one to DIR/merged

Owners come from DUTYCLAIMS_ROTATION_OWNER, DUTYCLAIMS_SECRET_STORAGE, DUTYCLAIMS_ROLLBACK_OWNER,
DUTYCLAIMS_CUTOVER_OWNER. Credentials pass through the proxy and are never written (prefix only).`;

/** Reads every --grade-report; a bad file is a usage error that names it. */
async function readGradeReports(files: readonly string[]) {
  try {
    return await Promise.all(files.map((file) => readGradeReportFile(file)));
  } catch (error) {
    if (isGradeReportFileError(error)) throw new UsageError(error.message);
    throw error;
  }
}

const int = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new UsageError(`--${name} must be a whole number, got "${value}".`);
  return parsed;
};

/** `observe`: the partner's own flow through a recording, fault-injecting proxy, judged as a launch run. */
export async function runObserveCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      upstream: { type: 'string' },
      target: { type: 'string', default: 'sandbox' },
      'allow-production-writes': { type: 'boolean', default: false },
      'contract-hash': { type: 'string' },
      faults: { type: 'string' },
      port: { type: 'string', default: '4020' },
      host: { type: 'string' },
      'allow-non-loopback-host': { type: 'boolean', default: false },
      'timeout-ms': { type: 'string' },
      'max-concurrency': { type: 'string' },
      'max-retries': { type: 'string' },
      'max-backoff-ms': { type: 'string' },
      'command-timeout-ms': { type: 'string' },
      'journal-capacity': { type: 'string' },
      out: { type: 'string' },
      'merge-with': { type: 'string' },
      'grade-report': { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    io.out(observeUsage);
    return ExitCode.ok;
  }
  const env = io.env ?? process.env;
  if (values.upstream === undefined) throw new UsageError(`--upstream is required.\n\n${observeUsage}`);
  if (values.target !== 'sandbox' && values.target !== 'production')
    throw new UsageError(`--target must be sandbox or production, got "${values.target}".`);
  const contractHash = values['contract-hash'] ?? env.DUTYCLAIMS_CONTRACT_HASH;
  if (!contractHash)
    throw new UsageError(
      '--contract-hash (or DUTYCLAIMS_CONTRACT_HASH) is required: the hash your generated artifacts came from (npx dutyclaims-launch contract hash <your openapi.json>).',
    );
  const [program, ...args] = positionals;
  const outDir = values.out ?? env.DUTYCLAIMS_OUT_DIR ?? './launch-packet';
  const interrupt = new AbortController();
  const stop = () => interrupt.abort();
  if (program === undefined) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, stop);
  try {
    const maxRetries = int('max-retries', values['max-retries']);
    const maxBackoffMs = int('max-backoff-ms', values['max-backoff-ms']);
    const declared: Partial<DeclaredClient> = {
      timeoutMs: int('timeout-ms', values['timeout-ms']) ?? null,
      maxConcurrency: int('max-concurrency', values['max-concurrency']) ?? null,
      ...(maxRetries === undefined ? {} : { maxRetries }),
      ...(maxBackoffMs === undefined ? {} : { maxBackoffMs }),
    };
    const run = await observe({
      upstream: values.upstream,
      target: values.target,
      allowProductionWrites: values['allow-production-writes'],
      contractHash,
      faults: values.faults === undefined ? [] : await readFaultSchedule(values.faults),
      port: int('port', values.port),
      host: values.host,
      allowNonLoopbackHost: values['allow-non-loopback-host'],
      journalCapacity: int('journal-capacity', values['journal-capacity']),
      commandTimeoutMs: int('command-timeout-ms', values['command-timeout-ms']),
      command: program === undefined ? null : [program, ...args],
      until: interrupt.signal,
      env,
      declared,
      owners: {
        credentialRotation: env.DUTYCLAIMS_ROTATION_OWNER ?? null,
        secretStorage: env.DUTYCLAIMS_SECRET_STORAGE ?? null,
        rollback: env.DUTYCLAIMS_ROLLBACK_OWNER ?? null,
        cutover: env.DUTYCLAIMS_CUTOVER_OWNER ?? null,
      },
      gradeReports: await readGradeReports(values['grade-report'] ?? []),
      outDir,
      onListening: (proxy) =>
        io.out(
          `observe: ${proxy.url} -> ${proxy.upstream.baseUrl} (${proxy.upstream.environment}); ${program === undefined ? 'point your DutyClaims base URL here, Ctrl-C when the flow is done' : 'running the command with DUTYCLAIMS_BASE_URL set to it'}`,
        ),
      onOutput: (stream, line) => (stream === 'stdout' ? io.out(line) : io.err(line)),
    });
    for (const gate of run.packet.gates) io.out(`gate ${gate.id}: ${gate.verdict} — ${gate.reason}`);
    for (const report of run.packet.grades)
      for (const check of report.checks) io.out(`check ${check.id}: ${check.verdict} — ${check.reason}`);
    io.out(
      `${run.packet.verdict === 'ready' ? 'READY' : 'NOT READY'} (${run.packet.evidence.label}); packet: ${run.written?.json ?? 'not written'}`,
    );
    if (values['merge-with'] !== undefined) {
      const rehearsal = validateLaunchPacket(JSON.parse(await readFile(values['merge-with'], 'utf8')));
      const merged = await writeLaunchPacket(mergeObservedPacket(rehearsal, run.packet), join(outDir, 'merged'));
      io.out(`merged with ${values['merge-with']}: ${merged.json}`);
    }
    const failed =
      run.packet.gates.some((g) => g.verdict === 'fail') || run.packet.grades.some((r) => reportVerdict(r) === 'fail');
    return failed ? ExitCode.failed : ExitCode.ok;
  } catch (error) {
    if (isObserveError(error)) throw new UsageError(`${error.message} [${error.code}]`);
    throw error;
  } finally {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, stop);
  }
}
