import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The Python reference receiver's script. */
export const PYTHON_RECEIVER_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'python', 'receiver.py');

export interface PythonReceiverOptions {
  readonly secret: string;
  readonly scheme?: 'dutyclaims' | 'standard-webhooks' | 'x-dual-signature' | 'x-signature';
  readonly toleranceSeconds?: number;
  readonly testMode?: boolean;
  readonly flaws?: readonly ('reserialize' | 'no-dedupe' | 'accept-stale')[];
  /** The interpreter; default `python3`. */
  readonly python?: string;
  /** How long to wait for the "listening on" line. Default 10000. */
  readonly startTimeoutMs?: number;
}

export interface StartedPythonReceiver extends AsyncDisposable {
  readonly url: string;
  readonly processedUrl: string | null;
  close(): Promise<void>;
}

async function listeningUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  if (!child.stdout) throw new Error('The Python receiver has no stdout.');
  const lines = createInterface({ input: child.stdout });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const timer = AbortSignal.timeout(timeoutMs);
  try {
    const line = await Promise.race([
      (async () => {
        for await (const text of lines) {
          const match = /^listening on (\S+)$/.exec(text);
          if (match?.[1]) return match[1];
        }
        throw new Error(`The Python receiver exited before listening: ${stderr.join('').trim()}`);
      })(),
      once(timer, 'abort').then(() => {
        throw new Error(`The Python receiver did not start within ${timeoutMs} ms: ${stderr.join('').trim()}`);
      }),
    ]);
    return line;
  } finally {
    lines.close();
  }
}

/** Starts the Python reference receiver as a child process on 127.0.0.1, port 0. */
export async function startPythonReceiver(options: PythonReceiverOptions): Promise<StartedPythonReceiver> {
  const args = [PYTHON_RECEIVER_PATH, '--port', '0', '--scheme', options.scheme ?? 'dutyclaims'];
  args.push('--tolerance', String(options.toleranceSeconds ?? 300));
  if (options.testMode) args.push('--test-mode');
  for (const flaw of options.flaws ?? []) args.push('--flaw', flaw);
  const child = spawn(options.python ?? 'python3', args, {
    env: { ...process.env, WEBHOOK_SECRET: options.secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit').catch(() => undefined);
  let url: string;
  try {
    url = await listeningUrl(child, options.startTimeoutMs ?? 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    })();
    return closed;
  };
  return {
    url,
    processedUrl: options.testMode ? url.replace(/\/webhooks$/, '/processed') : null,
    close,
    [Symbol.asyncDispose]: close,
  };
}
