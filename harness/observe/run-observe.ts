import { randomUUID } from 'node:crypto';
import { displayCommand } from '../grading/client/grade.js';
import type { OutputStream } from '../grading/client/options.js';
import { type CommandOutcome, runPartnerCommand } from '../grading/client/run-command.js';
import { watchStalls } from '../grading/client/stall-monitor.js';
import type { GradeReport } from '../grading/shared/report.js';
import type { LaunchPacket, Owners } from '../packet/schema.js';
import { redactSecrets } from '../packet/secret-scan.js';
import { type WrittenPacket, writeLaunchPacket } from '../packet/write-packet.js';
import type { JournalEntry } from '../reference-mock/index.js';
import { buildObservePacket } from './build-packet.js';
import { evaluateTrafficGates } from './gates/evaluate-gates.js';
import type { TrafficEvidence } from './gates/traffic.js';
import { type DeclaredClient, gradeTraffic } from './grade-traffic.js';
import type { ObserveProxyOptions } from './options.js';
import { type StartedObserveProxy, startObserveProxy } from './proxy.js';

/** The `grader` name of the client grades an observed run carries. */
export const OBSERVE_GRADER = 'observe-client';

/** An observed run: the proxy's options plus what to run, what the partner declares and where the packet goes. */
export interface ObserveRunOptions extends ObserveProxyOptions {
  /** The contract hash the partner's artifacts came from (gate 1 compares what the provider serves). */
  readonly contractHash: string;
  /** The partner's command; it runs with DUTYCLAIMS_BASE_URL set to the proxy. Without one, `until` ends the run. */
  readonly command?: readonly [string, ...string[]] | null | undefined;
  /** Ends a run without a command (Ctrl-C). */
  readonly until?: AbortSignal | undefined;
  readonly commandTimeoutMs?: number | undefined;
  /** The environment the command starts with (DUTYCLAIMS_BASE_URL is always the proxy). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  readonly declared?: Partial<DeclaredClient> | undefined;
  readonly owners?: Partial<Owners> | undefined;
  /** Grade reports of the partner's integration to attach; a grade-webhook one proves the receiver verifies. */
  readonly gradeReports?: readonly GradeReport[] | undefined;
  /** Where the packet is written; null: not written. */
  readonly outDir?: string | null | undefined;
  /** How long to wait for exchanges still in flight after the flow ended. */
  readonly settleMs?: number | undefined;
  readonly onListening?: ((proxy: StartedObserveProxy) => void) | undefined;
  readonly onOutput?: ((stream: OutputStream, line: string) => void) | undefined;
}

export interface ObservedRun {
  readonly packet: LaunchPacket;
  readonly written: WrittenPacket | null;
  readonly journal: readonly JournalEntry[];
  readonly command: CommandOutcome | null;
}

/** Every default of an observed run beyond the proxy's own. */
export const DEFAULT_OBSERVE_RUN = {
  commandTimeoutMs: 600_000,
  settleMs: 15_000,
  outDir: './launch-packet',
  declared: { timeoutMs: null, maxConcurrency: null, maxRetries: 6, maxBackoffMs: 10_000 } satisfies DeclaredClient,
  owners: { credentialRotation: null, secretStorage: null, rollback: null, cutover: null } satisfies Owners,
} as const;

const aborted = (signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    if (!signal || signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });

/**
 * Starts the proxy, runs the partner's flow through it (its command, or until `until` aborts), then
 * judges the six gates and the client-grading checks from the journal and writes the launch packet.
 * @example const run = await observe({ upstream: 'https://sandbox.example', contractHash: '33d1eb9e02d41393', command: ['npm', 'run', 'flow'] });
 */
export async function observe(options: ObserveRunOptions): Promise<ObservedRun> {
  const startedAt = new Date();
  // The proxy stamps requests on this event loop: its stalls excuse what they may have made look early.
  using stallMonitor = watchStalls();
  const proxy = await startObserveProxy(options);
  let command: CommandOutcome | null = null;
  try {
    options.onListening?.(proxy);
    if (options.command) {
      command = await runPartnerCommand({
        command: options.command,
        env: { ...(options.env ?? process.env), DUTYCLAIMS_BASE_URL: proxy.url },
        cwd: null,
        timeoutMs: options.commandTimeoutMs ?? DEFAULT_OBSERVE_RUN.commandTimeoutMs,
        redact: (line) => redactSecrets(line),
        onOutput: options.onOutput ?? null,
      });
    } else await aborted(options.until);
    await proxy.settle(options.settleMs ?? DEFAULT_OBSERVE_RUN.settleMs);
  } finally {
    await proxy.close();
  }
  const stalls = stallMonitor.stop();
  const journal = proxy.journal();
  const declared = { ...DEFAULT_OBSERVE_RUN.declared, ...options.declared };
  const traffic: TrafficEvidence = {
    journal: [...journal].sort((a, b) => a.receivedAt - b.receivedAt),
    facts: proxy.facts(),
    upstream: proxy.upstream,
    target: proxy.options.target,
    pinnedHash: options.contractHash,
    owners: { ...DEFAULT_OBSERVE_RUN.owners, ...options.owners },
    receiverReports: options.gradeReports ?? [],
  };
  const finishedAt = new Date();
  const grades: GradeReport = {
    grader: OBSERVE_GRADER,
    target: options.command
      ? displayCommand(options.command)
      : `traffic through ${proxy.url} to ${proxy.upstream.host}`,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    settings: {
      upstream: proxy.upstream.baseUrl,
      faults: String(proxy.options.faults.length),
      timeoutMs: declared.timeoutMs === null ? 'not declared' : String(declared.timeoutMs),
      maxConcurrency: declared.maxConcurrency === null ? 'not declared' : String(declared.maxConcurrency),
      maxRetries: String(declared.maxRetries),
      maxBackoffMs: String(declared.maxBackoffMs),
    },
    checks: gradeTraffic({ journal, facts: traffic.facts, faults: proxy.options.faults, declared, command, stalls }),
  };
  const packet = buildObservePacket({
    runId: randomUUID(),
    startedAt,
    finishedAt,
    command: options.command
      ? `dutyclaims-launch observe -- ${displayCommand(options.command)}`
      : 'dutyclaims-launch observe',
    traffic,
    readOnly: proxy.options.target === 'production' && !proxy.options.allowProductionWrites,
    gates: evaluateTrafficGates(traffic),
    grades: [grades, ...(options.gradeReports ?? [])],
  });
  const outDir = options.outDir === undefined ? DEFAULT_OBSERVE_RUN.outDir : options.outDir;
  const written = outDir === null ? null : await writeLaunchPacket(packet, outDir);
  return { packet, written, journal, command };
}
