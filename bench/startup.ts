// Start-up figures, each the median of several runs, as ratios to `node -e 0` measured in the same run
// (each round's figure to that round's, the median over the rounds).
// The commands run the built package (dist/, `npm run build` first), as a user runs them.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './load.js';

const ROOT = new URL('..', import.meta.url).pathname;
/** The bin as npm links it (package.json's `bin`), so every CLI figure is a command as a user types it. */
const CLI = join(
  ROOT,
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin[
    'dutyclaims-launch'
  ] ?? '',
);
const MOCK_MAIN = join(ROOT, 'dist/harness/reference-mock/main.cjs');
const MOCK_ENTRY = join(ROOT, 'dist/harness/reference-mock/index.js');
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);

/** Wall time (ms) of `node ...args` from spawn to exit; a non-zero exit invalidates the figure. */
function timeNode(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<{ ms: number; out: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, out });
      else reject(new Error(`node ${args.join(' ')} exited ${code}: ${out.slice(0, 500)}`));
    });
  });
}

const freePort = async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
};

const getStatus = (port: number, path: string) =>
  new Promise<number>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.end();
  });

/** Spawn -> first 200 on `path` (polled every 2 ms), then SIGTERM. */
async function spawnToFirst200(args: readonly string[], port: number, path: string, env: NodeJS.ProcessEnv) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: 'ignore', env });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`node ${args.join(' ')} exited ${child.exitCode} before serving`);
      if ((await getStatus(port, path)) === 200) return performance.now() - started;
      if (performance.now() - started > 30_000) throw new Error(`node ${args.join(' ')}: no 200 within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  }
}

const BARE_SERVER = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')`;
const IMPORT_TIME = `const t = performance.now(); await import(${JSON.stringify(MOCK_ENTRY)}); process.stdout.write(String(performance.now() - t))`;

export interface StartupFigures {
  /** Rounds measured; the denominators (`node -e 0`, bare node:http's spawn) have two samples each. */
  readonly runs: number;
  readonly nodeBootMs: number;
  readonly rows: { label: string; ms: number; ratio: number; unit: 'boot' | 'bare' | 'ms'; target: string }[];
}

/** The rehearsal's own duration, as its launch packet records it (first request to last check). */
function rehearsalItselfMs(dir: string): number {
  const packet = JSON.parse(readFileSync(join(dir, 'launch-packet.json'), 'utf8')) as {
    run?: { durationMs?: unknown };
  };
  const ms = packet.run?.durationMs;
  if (typeof ms !== 'number') throw new Error(`${dir}/launch-packet.json has no run.durationMs`);
  return ms;
}

/** Measures every start-up figure of the table, interleaved so a busy moment lands on all of them. */
export async function measureStartup(): Promise<StartupFigures> {
  const samples: Record<string, number[]> = {};
  const add = (key: string, ms: number) => {
    samples[key] = [...(samples[key] ?? []), ms];
  };
  const out = mkdtempSync(join(tmpdir(), 'bench-rehearse-'));
  try {
    // The two denominators, `node -e 0` and bare node:http's spawn, are sampled twice a round: they
    // scale every ratio, and five samples of a 130 ms boot moved the medians by 20 ms run to run.
    const bootOnce = async () => add('boot', (await timeNode(['-e', '0'])).ms);
    const bareOnce = async () => {
      const barePort = await freePort();
      add(
        'bare200',
        await spawnToFirst200(['-e', BARE_SERVER], barePort, '/', { ...process.env, PORT: String(barePort) }),
      );
    };
    for (let run = 0; run < RUNS; run++) {
      await bootOnce();
      add('help', (await timeNode([CLI, '--help'])).ms);
      add('rehearseHelp', (await timeNode([CLI, 'rehearse', '--help'])).ms);
      add('import', Number((await timeNode(['--input-type=module', '-e', IMPORT_TIME])).out));
      await bareOnce();
      const mockPort = await freePort();
      const mockEnv = {
        ...process.env,
        DUTYCLAIMS_MOCK_PORT: String(mockPort),
        DUTYCLAIMS_MOCK_ALLOW_UNAUTHENTICATED_CONTROL: '1',
      };
      add('mock200', await spawnToFirst200([MOCK_MAIN], mockPort, '/health', mockEnv));
      const cliPort = await freePort();
      add(
        'cliMock200',
        await spawnToFirst200([CLI, 'mock', '--port', String(cliPort)], cliPort, '/health', process.env),
      );
      await bareOnce();
      const dir = join(out, String(run));
      add('rehearse', (await timeNode([CLI, 'rehearse', '--out', dir])).ms);
      add('rehearsal', rehearsalItselfMs(dir));
      await bootOnce();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const m = (key: string) => median(samples[key] ?? []);
  // Each ratio pairs a round's figure with the same round's denominator (the mean of its two samples),
  // then takes the median over the rounds: this machine's speed drifts over seconds to minutes, and
  // dividing one median by another let a fast or slow stretch land on one side only.
  /** A figure's value in each round: its sample, or the mean of its two (the denominators). */
  const rounds = (key: string) => {
    const all = samples[key] ?? [];
    const each = all.length / RUNS;
    return Array.from({ length: RUNS }, (_, round) => {
      const mine = all.slice(each * round, each * (round + 1));
      return mine.reduce((sum, value) => sum + value, 0) / mine.length;
    });
  };
  const perRound = (key: string, denominator: string) => {
    const under = rounds(denominator);
    return median(rounds(key).map((ms, round) => ms / (under[round] as number)));
  };
  const boot = m('boot');
  const bare = m('bare200');
  const toBoot = (key: string) => perRound(key, 'boot');
  const toBare = (key: string) => perRound(key, 'bare200');
  return {
    runs: RUNS,
    nodeBootMs: boot,
    rows: [
      { label: 'dutyclaims-launch --help', ms: m('help'), ratio: toBoot('help'), unit: 'boot', target: '<= 1.5' },
      {
        label: 'dutyclaims-launch rehearse --help',
        ms: m('rehearseHelp'),
        ratio: toBoot('rehearseHelp'),
        unit: 'boot',
        target: '<= 1.5',
      },
      {
        label: 'dutyclaims-launch rehearse, wall',
        ms: m('rehearse'),
        ratio: toBoot('rehearse'),
        unit: 'boot',
        target: '<= 3.5',
      },
      {
        // What the rest of the wall time is measured against: start-up and module loading come before it,
        // the packet's formats after it.
        label: '  of which the rehearsal itself (packet run.durationMs)',
        ms: m('rehearsal'),
        ratio: toBoot('rehearsal'),
        unit: 'boot',
        target: '',
      },
      {
        label: 'import of ./reference-mock',
        ms: m('import'),
        ratio: toBoot('import'),
        unit: 'ms',
        target: '<= 60 ms',
      },
      { label: 'bare node:http spawn -> first 200', ms: bare, ratio: toBoot('bare200'), unit: 'boot', target: '' },
      {
        label: 'standalone mock (main.cjs) spawn -> first 200',
        ms: m('mock200'),
        ratio: toBare('mock200'),
        unit: 'bare',
        target: '<= 1.6',
      },
      {
        // The other way to run the standalone mock (the README's): the same bundle behind the bin's start.
        label: 'dutyclaims-launch mock spawn -> first 200',
        ms: m('cliMock200'),
        ratio: toBare('cliMock200'),
        unit: 'bare',
        target: '<= 1.6',
      },
    ],
  };
}
