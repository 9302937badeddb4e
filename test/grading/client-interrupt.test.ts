import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../harness/cli/main.ts', import.meta.url));

// The partner's command: ignores SIGTERM (so only the SIGKILL after the grace stops it), starts a
// child of its own that ignores SIGTERM too, and writes both PIDs to the file named by argv[1].
const STUBBORN = `
const { spawn } = require('node:child_process');
const { writeFileSync } = require('node:fs');
process.on('SIGTERM', () => {});
const child = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { stdio: 'ignore' });
writeFileSync(process.argv[1], process.pid + ' ' + child.pid);
setInterval(() => {}, 1000);
`;

/** A zombie (killed, not yet reaped by PID 1) is dead, though signal 0 still reaches it. */
const zombie = (pid: number) => {
  try {
    return /^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  return !zombie(pid);
};

async function pidsFrom(file: string, deadline: number): Promise<number[]> {
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (/^\d+ \d+$/.test(text)) return text.split(' ').map(Number);
    if (Date.now() > deadline) throw new Error(`The partner's command never wrote ${file}.`);
    await sleep(50);
  }
}

const leftovers: number[] = [];
let dir = '';
afterEach(async () => {
  // Whatever the outcome, leave no process behind.
  for (const pid of leftovers.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('dutyclaims-launch grade-client interrupted', () => {
  // A shell reports a death by signal as 128 + its number: 130 (Ctrl-C), 143, 129.
  it.each<NodeJS.Signals>(['SIGINT', 'SIGTERM', 'SIGHUP'])(
    'on %s stops the partner command and everything it started, then dies of the same signal',
    async (signal) => {
      dir = await mkdtemp(join(tmpdir(), 'grade-client-interrupt-'));
      const pidFile = join(dir, 'pids');
      const cli = spawn(
        process.execPath,
        ['--import', 'tsx', MAIN, 'grade-client', '--', process.execPath, '-e', STUBBORN, pidFile],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      if (cli.pid !== undefined) leftovers.push(cli.pid);
      let stderr = '';
      cli.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      cli.stdout.resume();
      const exited = once(cli, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      // Generous bounds: grade-client seeds the mock before it starts the command, slow on two busy cores.
      const pids = await pidsFrom(pidFile, Date.now() + 90_000);
      leftovers.push(...pids);
      expect(pids.every(alive)).toBe(true);

      cli.kill(signal);
      const [code, killedBy] = await Promise.race([
        exited,
        sleep(30_000).then(() => {
          throw new Error(`grade-client did not exit within 30 s of ${signal}. stderr: ${stderr}`);
        }),
      ]);
      expect({ code, killedBy }, stderr).toEqual({ code: null, killedBy: signal });
      expect(pids.filter(alive), "the partner's processes outlived grade-client").toEqual([]);
    },
    150_000,
  );
});
