// `npm run bench:graders`: the false-alarm benchmark of the graders. Grades every reference partner
// (correct clients and receivers, in each language and style) BENCH_GRADER_RUNS times (default 20)
// while BENCH_HOG busy-loop processes (default 2, one per core) keep the machine busy, and prints per
// partner the checks that did not pass (target 0) and the grading wall time. Select partners with
// BENCH_PARTNERS=name,name (default all). Nothing here is a timed assertion: it reports what it saw.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  nodeClientCommand,
  pythonClientCommand,
  shellClientCommand,
} from '../examples/partner-clients/src/commands.js';
import { startNodeReceiver } from '../examples/webhook-receivers/src/node-receiver.js';
import { startPythonReceiver } from '../examples/webhook-receivers/src/python-receiver.js';
import { gradeClient } from '../harness/grading/client/index.js';
import type { GradeReport } from '../harness/grading/shared/index.js';
import { gradeWebhookReceiver } from '../harness/grading/webhook-receiver/index.js';

const RUNS = Number(process.env.BENCH_GRADER_RUNS ?? 20);
const HOGS = Number(process.env.BENCH_HOG ?? 2);
const SELECTED = process.env.BENCH_PARTNERS?.split(',').filter(Boolean) ?? null;
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const clientOptions = { timeoutMs: 500, maxConcurrency: 4 } as const;

type Partner = { readonly name: string; readonly grade: () => Promise<GradeReport> };

async function gradeReceiver(
  start: () => ReturnType<typeof startNodeReceiver> | ReturnType<typeof startPythonReceiver>,
) {
  await using receiver = await start();
  return await gradeWebhookReceiver({ url: receiver.url, secret, processedEventsUrl: receiver.processedUrl ?? '' });
}

const PARTNERS: readonly Partner[] = [
  { name: 'client: TypeScript (fetch)', grade: () => gradeClient({ command: nodeClientCommand(), ...clientOptions }) },
  { name: 'client: Python (urllib)', grade: () => gradeClient({ command: pythonClientCommand(), ...clientOptions }) },
  { name: 'client: shell + curl', grade: () => gradeClient({ command: shellClientCommand(), ...clientOptions }) },
  { name: 'receiver: Node', grade: () => gradeReceiver(() => startNodeReceiver({ secret, testMode: true })) },
  {
    name: 'receiver: Node, background worker 1.5 s/event',
    grade: () => gradeReceiver(() => startNodeReceiver({ secret, testMode: true, workMsPerEvent: 1500 })),
  },
  { name: 'receiver: Python', grade: () => gradeReceiver(() => startPythonReceiver({ secret, testMode: true })) },
];

function startHogs(): ChildProcess[] {
  return Array.from({ length: HOGS }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const hogs = startHogs();
const stopHogs = () => {
  for (const hog of hogs) hog.kill('SIGKILL');
};
process.once('SIGINT', () => {
  stopHogs();
  process.exit(130);
});
console.log(`grading each reference partner ${RUNS} time(s) with ${HOGS} busy-loop process(es) running`);
try {
  for (const partner of PARTNERS.filter((p) => SELECTED === null || SELECTED.some((s) => p.name.includes(s)))) {
    const times: number[] = [];
    const problems = new Map<string, number>();
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      let report: GradeReport;
      try {
        report = await partner.grade();
      } catch (error) {
        problems.set(
          `threw: ${(error as Error).message}`,
          (problems.get(`threw: ${(error as Error).message}`) ?? 0) + 1,
        );
        continue;
      } finally {
        times.push(performance.now() - started);
      }
      for (const check of report.checks)
        if (check.verdict !== 'pass') {
          const key = `${check.id} ${check.verdict}`;
          problems.set(key, (problems.get(key) ?? 0) + 1);
          console.log(`  run ${run + 1}: ${key}: ${check.reason.slice(0, 300)}`);
        }
    }
    const sorted = [...times].sort((a, b) => a - b);
    const failed = [...problems.values()].reduce((sum, count) => sum + count, 0);
    console.log(
      `${partner.name}: ${failed} check(s) not passed in ${RUNS} gradings${failed === 0 ? '' : ` (${[...problems].map(([k, v]) => `${k} x${v}`).join(', ')})`}; ` +
        `wall time per grading median ${seconds(sorted[Math.floor(sorted.length / 2)] ?? 0)}, max ${seconds(sorted.at(-1) ?? 0)}`,
    );
  }
} finally {
  stopHogs();
}
