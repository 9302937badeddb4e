// `npm run test:stress [-- --runs N] [--suites pact,grading] [--no-load]`
//
// Runs the suites that have failed by chance before (the Pact consumer and provider projects, the
// grading tests) N times (default 20) while busy-looping processes keep every core busy, and prints
// how often each test failed. The target is 0: a test that fails once under load is a defect.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startCpuLoad } from './cpu-load.js';

interface Suite {
  readonly name: string;
  /** vitest invocations, run in order within one round (the provider verifies what the consumer wrote). */
  readonly invocations: readonly (readonly string[])[];
}

const SUITES: Readonly<Record<string, Suite>> = {
  pact: {
    name: 'pact',
    invocations: [
      ['--project', 'pact-consumer'],
      ['--project', 'pact-provider'],
    ],
  },
  grading: { name: 'grading', invocations: [['--project', 'unit', 'test/grading', 'harness/grading']] },
};

interface VitestJson {
  readonly testResults?: readonly {
    readonly name: string;
    readonly status: string;
    readonly message?: string;
    readonly assertionResults: readonly { readonly fullName: string; readonly status: string }[];
  }[];
}

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.STRESS_RUNS ?? '20' },
    suites: { type: 'string', default: 'pact,grading' },
    'no-load': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number >= 1, got ${values.runs}.`);
  process.exit(2);
}
const suites = values.suites.split(',').map((name) => {
  const suite = SUITES[name.trim()];
  if (suite === undefined) {
    console.error(`Unknown suite ${JSON.stringify(name)}; choose from ${Object.keys(SUITES).join(', ')}.`);
    process.exit(2);
  }
  return suite;
});

const vitest = join(process.cwd(), 'node_modules', 'vitest', 'vitest.mjs');
let current: ChildProcess | null = null;

/** Runs one vitest invocation with the JSON reporter; returns the exit code and the parsed report. */
async function runVitest(args: readonly string[], outputFile: string): Promise<{ code: number; report: VitestJson }> {
  const child = spawn(process.execPath, [vitest, 'run', ...args, '--reporter=json', `--outputFile=${outputFile}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PACT_DO_NOT_TRACK: 'true' },
  });
  current = child;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const code = await new Promise<number>((resolve) => child.once('close', (exit) => resolve(exit ?? 1)));
  current = null;
  try {
    return { code, report: JSON.parse(await readFile(outputFile, 'utf8')) as VitestJson };
  } catch {
    return {
      code,
      report: { testResults: [{ name: args.join(' '), status: 'failed', message: stderr, assertionResults: [] }] },
    };
  }
}

const failures = new Map<string, number>();
const testCounts = new Map<string, number>();
const count = (map: Map<string, number>, key: string): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};

const workDir = await mkdtemp(join(tmpdir(), 'dutyclaims-stress-'));
const load = values['no-load'] ? null : startCpuLoad();
// Interrupted: end the vitest run under way and the load, then die of the same signal's exit code.
const interrupt = (signal: NodeJS.Signals): void => {
  current?.kill('SIGKILL');
  void (load?.stop() ?? Promise.resolve()).then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
};
process.once('SIGINT', interrupt);
process.once('SIGTERM', interrupt);
console.log(
  `Stress: ${runs} runs of ${suites.map((suite) => suite.name).join(', ')}, ${load === null ? 'no extra load' : `${load.processes} busy-looping processes`}.`,
);
const started = performance.now();
try {
  for (let run = 1; run <= runs; run += 1) {
    const runStarted = performance.now();
    let failedThisRun = 0;
    for (const suite of suites) {
      for (const [index, args] of suite.invocations.entries()) {
        const { code, report } = await runVitest(args, join(workDir, `${suite.name}-${run}-${index}.json`));
        let failedHere = 0;
        for (const file of report.testResults ?? []) {
          for (const test of file.assertionResults) {
            const key = `${suite.name} > ${test.fullName}`;
            count(testCounts, key);
            if (test.status === 'failed') {
              count(failures, key);
              failedHere += 1;
            }
          }
          if (file.status === 'failed' && file.assertionResults.every((test) => test.status !== 'failed')) {
            count(failures, `${suite.name} > ${file.name} (file failed: ${(file.message ?? '').split('\n')[0]})`);
            failedHere += 1;
          }
        }
        if (code !== 0 && failedHere === 0) {
          count(failures, `${suite.name} > vitest ${args.join(' ')} exited ${code}`);
          failedHere += 1;
        }
        failedThisRun += failedHere;
      }
    }
    console.log(
      `  run ${run}/${runs}: ${failedThisRun === 0 ? 'all passed' : `${failedThisRun} failed`} (${((performance.now() - runStarted) / 1000).toFixed(1)} s)`,
    );
  }
} finally {
  process.off('SIGINT', interrupt);
  process.off('SIGTERM', interrupt);
  await load?.stop();
  await rm(workDir, { recursive: true, force: true });
}

const totalFailures = [...failures.values()].reduce((sum, n) => sum + n, 0);
console.log(`\n${testCounts.size} tests, ${runs} runs, ${((performance.now() - started) / 1000).toFixed(0)} s.`);
if (totalFailures === 0) {
  console.log('Failures per test: none (target 0).');
} else {
  console.log('Failures per test (target 0):');
  for (const [name, n] of [...failures].sort((a, b) => b[1] - a[1])) console.log(`  ${n}/${runs}  ${name}`);
}
console.log(`${runs * testCounts.size - totalFailures} passed, ${totalFailures} failed`);
process.exitCode = totalFailures === 0 ? 0 : 1;
