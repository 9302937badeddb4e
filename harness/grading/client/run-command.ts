import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { OutputStream } from './options.js';
import { INTERRUPT_SIGNALS, killGroup, reraise, stopGroup } from './process-group.js';

/** How the partner's command ended. */
export interface CommandOutcome {
  /** Null when it was killed by a signal or never started. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** True when it outlived the command timeout and was stopped. */
  readonly timedOut: boolean;
  /** Why it could not start (e.g. ENOENT), else null. */
  readonly spawnError: string | null;
  readonly durationMs: number;
  /** Its last lines of output, secrets already redacted. */
  readonly stdoutTail: readonly string[];
  readonly stderrTail: readonly string[];
}

export interface RunCommandInput {
  readonly command: readonly [string, ...string[]];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string | null;
  readonly timeoutMs: number;
  /** After SIGTERM, how long before SIGKILL. */
  readonly killGraceMs?: number;
  /** Applied to every line before it is kept or passed on (removes secrets). */
  readonly redact: (line: string) => string;
  readonly onOutput: ((stream: OutputStream, line: string) => void) | null;
}

const TAIL_LINES = 20;

function collect(stream: Readable | null, name: OutputStream, input: RunCommandInput, tail: string[]) {
  if (!stream) return Promise.resolve();
  const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  reader.on('line', (raw) => {
    const line = input.redact(raw);
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    input.onOutput?.(name, line);
  });
  return once(reader, 'close').then(() => undefined);
}

/**
 * Runs the partner's command without a shell, in its own process group so a timeout stops everything
 * it started, and resolves when it has exited and its output is read. A SIGINT, SIGTERM or SIGHUP to
 * the grader meanwhile stops that group (SIGTERM, then SIGKILL after the grace) before the grader
 * itself dies of the signal, so Ctrl-C never leaves the partner's processes running.
 */
export async function runPartnerCommand(input: RunCommandInput): Promise<CommandOutcome> {
  const started = performance.now();
  const [file, ...args] = input.command;
  const graceMs = input.killGraceMs ?? 2000;
  const stdoutTail: string[] = [];
  const stderrTail: string[] = [];
  const child = spawn(file, args, {
    env: input.env,
    ...(input.cwd === null ? {} : { cwd: input.cwd }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const outcome = (fields: Pick<CommandOutcome, 'exitCode' | 'signal' | 'spawnError'>, timedOut: boolean) => ({
    ...fields,
    timedOut,
    durationMs: Math.round(performance.now() - started),
    stdoutTail,
    stderrTail,
  });
  const spawned = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', resolve);
  });
  if (spawned !== null)
    return outcome({ exitCode: null, signal: null, spawnError: spawned.code ?? spawned.message }, false);
  const interruption: { signal: NodeJS.Signals | null; stopped: Promise<void> } = {
    signal: null,
    stopped: Promise.resolve(),
  };
  const onInterrupt = (signal: NodeJS.Signals) => {
    if (interruption.signal !== null) return killGroup(child, 'SIGKILL'); // a second Ctrl-C does not wait
    interruption.signal = signal;
    interruption.stopped = stopGroup(child, graceMs);
  };
  for (const signal of INTERRUPT_SIGNALS) process.on(signal, onInterrupt);
  const output = Promise.all([
    collect(child.stdout, 'stdout', input, stdoutTail),
    collect(child.stderr, 'stderr', input, stderrTail),
  ]);
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let timedOut = false;
  const timers: NodeJS.Timeout[] = [];
  timers.push(
    setTimeout(() => {
      timedOut = true;
      killGroup(child, 'SIGTERM');
      timers.push(setTimeout(() => killGroup(child, 'SIGKILL'), graceMs));
    }, input.timeoutMs),
  );
  let result: CommandOutcome;
  try {
    const [exitCode, signal] = await exited;
    // Grandchildren may hold the pipes open; stop the group once the command itself is gone.
    let drainTimer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      output.then(() => true),
      new Promise<boolean>((resolve) => {
        drainTimer = setTimeout(resolve, 500, false);
      }),
    ]);
    clearTimeout(drainTimer);
    if (!drained) {
      killGroup(child, 'SIGKILL');
      await output;
    }
    await interruption.stopped;
    result = outcome({ exitCode, signal, spawnError: null }, timedOut);
  } finally {
    for (const timer of timers) clearTimeout(timer);
    for (const signal of INTERRUPT_SIGNALS) process.off(signal, onInterrupt);
  }
  if (interruption.signal !== null) reraise(interruption.signal);
  return result;
}
