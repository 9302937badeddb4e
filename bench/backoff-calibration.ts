// `npm run bench:backoff`: calibrates the backoff-grows-with-jitter verdict (judgeBackoff, the code the
// grader runs) in a simulation. Each trial draws the delays a client would take before the retries the
// grading scenario provokes (two on POST /v1/claims, one after the list's 503, three on each of eight
// authority reads, four on the read that never clears) on a timeline, adds machine noise (lateness, and
// stalls that release every retry due within them at once), and records the verdict.
// Prints, per backoff strategy and noise level, the share of runs that pass. Correct strategies should
// pass (1 - that share is the false-fail rate); flawed ones should fail (that share is the false-pass rate).
import { judgeBackoff } from '../harness/grading/client/evaluate-backoff.js';

const TRIALS = Number(process.env.BENCH_TRIALS ?? 4000);
const BASE_MS = 100;
const CAP_MS = 10_000;

/** A small seeded PRNG (mulberry32), so the figures are reproducible. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20_261_130);
const uniform = (low: number, high: number) => low + random() * (high - low);
const exponential = (mean: number) => -mean * Math.log(1 - random());
const windowMs = (retry: number) => Math.min(CAP_MS, BASE_MS * 2 ** (retry - 1));

type Strategy = (retry: number, previous: number | null) => number;
const STRATEGIES: Record<string, { correct: boolean; delay: Strategy }> = {
  'full jitter': { correct: true, delay: (retry) => uniform(0, windowMs(retry)) },
  'equal jitter': { correct: true, delay: (retry) => windowMs(retry) / 2 + uniform(0, windowMs(retry) / 2) },
  'decorrelated jitter': {
    correct: true,
    delay: (_retry, previous) => Math.min(CAP_MS, uniform(BASE_MS, (previous ?? BASE_MS) * 3)),
  },
  'flat jitter 200-400 ms': { correct: false, delay: () => uniform(200, 400) },
  'growth-free jitter 0-200 ms': { correct: false, delay: () => uniform(0, 200) },
  'doubling, no jitter': { correct: false, delay: (retry) => windowMs(retry) },
};

/** A machine's noise: lateness added to a retry (it can only make one later), and event-loop stalls. */
interface Noise {
  readonly late: () => number;
  /** Mean time between stalls of the client's and the grader's event loops (ms), and their mean length. */
  readonly stalls?: { readonly everyMs: number; readonly lengthMs: number };
}
const NOISE: Record<string, Noise> = {
  quiet: { late: () => uniform(0, 2) },
  busy: { late: () => exponential(20) + (random() < 0.1 ? exponential(300) : 0) },
  overloaded: { late: () => exponential(80) + (random() < 0.2 ? exponential(600) : 0) },
  // The event loops of the client and the grader stall for 150 ms on average after each ~100 ms of
  // running (they run about 40% of the time): a stall releases every retry due within it at once.
  starved: { late: () => uniform(0, 2), stalls: { everyMs: 100, lengthMs: 150 } },
};

/**
 * The operations whose retries the scenario provokes: when they start (ms), and [first retry number
 * judged, last retry number]. The eight authority reads run four at a time, so their failures are
 * answered close together.
 */
const OPERATIONS: readonly (readonly [number, number, number])[] = [
  [0, 1, 2], // POST /v1/claims: 503, dropped
  [1000, 2, 2], // GET /v1/webhook-deliveries: 429, then 503 (only the delay after the 503 is the client's)
  ...Array.from({ length: 8 }, (_, i) => [2000 + Math.floor(i / 4) * 2000, 1, 3] as const), // authority reads failing three times
  [7000, 1, 4], // the read that never clears, for a client allowing four retries
];

/** Stall intervals [start, end) over the run: a stalled loop runs whatever fell due when it ends. */
function stallsOf(noise: Noise): [number, number][] {
  const stalls: [number, number][] = [];
  if (!noise.stalls) return stalls;
  for (let at = exponential(noise.stalls.everyMs); at < 20_000; at += exponential(noise.stalls.everyMs)) {
    const end = at + exponential(noise.stalls.lengthMs);
    stalls.push([at, end]);
    at = end;
  }
  return stalls;
}
const afterStalls = (stalls: readonly [number, number][], at: number) =>
  stalls.find(([start, end]) => at >= start && at < end)?.[1] ?? at;

function trial(strategy: Strategy, noise: Noise) {
  const stalls = stallsOf(noise);
  const byRetry = new Map<number, number[]>();
  for (const [startsAt, from, to] of OPERATIONS) {
    let previous: number | null = null;
    let arrivedAt = afterStalls(stalls, startsAt + uniform(0, 20));
    for (let retry = 1; retry <= to; retry++) {
      const answeredAt = afterStalls(stalls, arrivedAt + 1);
      const delay = strategy(retry, previous);
      previous = delay;
      arrivedAt = afterStalls(stalls, answeredAt + delay) + noise.late();
      if (retry >= from) byRetry.set(retry, [...(byRetry.get(retry) ?? []), arrivedAt - answeredAt]);
    }
  }
  return judgeBackoff(byRetry);
}

const pct = (count: number) => `${((100 * count) / TRIALS).toFixed(2)}%`.padStart(8);
console.log(`backoff-grows-with-jitter, ${TRIALS} simulated runs per cell: share of runs that PASS`);
console.log(
  `${'strategy'.padEnd(38)}${'noise'.padEnd(12)}${'grows'.padStart(8)}${'jitter'.padStart(8)}${'pass'.padStart(8)}`,
);
for (const [name, { correct, delay }] of Object.entries(STRATEGIES))
  for (const [level, noise] of Object.entries(NOISE)) {
    let grows = 0;
    let jittered = 0;
    let passed = 0;
    for (let run = 0; run < TRIALS; run++) {
      const verdict = trial(delay, noise);
      grows += Number(verdict.grows);
      // Too few delays to judge jitter is not a fail (the check is not graded); the scenario always has enough.
      const jitterOk = verdict.jitter !== 'fixed';
      jittered += Number(jitterOk);
      passed += Number(verdict.grows && jitterOk);
    }
    const label = `${name} (${correct ? 'correct' : 'flawed'})`;
    console.log(`${label.padEnd(38)}${level.padEnd(12)}${pct(grows)}${pct(jittered)}${pct(passed)}`);
  }
