// The growth series: the status route and the delivery-log filters as the store grows to 1 / 1,000 /
// 10,000 / 50,000 claims with 4 deliveries each, and the memory each claim and delivery costs. The
// status route's throughput at each point is taken relative to bare node:http in the same rounds, so a
// point is not judged by how busy this shared machine was while it ran.
import { median } from './load.js';
import {
  ask,
  type BenchServer,
  type Measured,
  type MemoryUsage,
  measure,
  type SequentialFigures,
  sequentialP99,
} from './server-figures.js';

const POINTS = (process.env.BENCH_GROWTH ?? '1,1000,10000,50000').split(',').map(Number);
/**
 * Pairs of flat-out runs (bare node:http and the mock, which goes first alternating) per point. With one
 * run each, this machine's slow moments decided the verdict: four CI runs in a row printed 0.76 to 1.44
 * of the one-claim throughput at 10,000 claims.
 */
const GROWTH_ROUNDS = Number(process.env.BENCH_GROWTH_ROUNDS ?? 5);
// 1,000, so a p99 is the tenth-worst request, not one of the three a single scavenge or preemption makes.
const FILTER_REQUESTS = Number(process.env.BENCH_FILTER_REQUESTS ?? 1_000);
/** What a `{fill}` message answers: memory before, after the claims and after the deliveries it added. */
interface Filled {
  before: MemoryUsage;
  afterClaims: MemoryUsage;
  afterDeliveries: MemoryUsage;
  added: { claims: number; deliveries: number };
}

const fmt = (value: number, digits = 2) => value.toFixed(digits);

/** Filters that match nothing in the filled log: a scan reads every delivery for them. */
const NO_MATCH = [
  '/v1/webhook-deliveries?eventType=sandbox.test',
  '/v1/webhook-deliveries?status=failed',
  '/v1/webhook-deliveries?endpointId=we_aaaaaaaaaaaaaaaaaaaa',
  '/v1/webhook-deliveries?status=pending&eventType=claim.status_changed',
];
const PAGE = ['/v1/webhook-deliveries?status=succeeded&limit=100', '/v1/webhook-deliveries?limit=25'];

/** The largest point's figures, for the verdicts. */
export interface GrowthFigures {
  readonly claims: number;
  /**
   * Status route throughput at the largest point / at the first, each as its median ratio to bare
   * node:http measured in the same rounds, so the machine's speed at each moment cancels out.
   */
  readonly statusOfFirst: number;
  readonly noMatch: SequentialFigures;
  readonly page: SequentialFigures;
}

/** The status route at one point: medians over GROWTH_ROUNDS pairs of flat-out runs. */
interface StatusPoint {
  readonly perSecond: number;
  readonly cpuUs: number;
  readonly p99Ms: number;
  /** The mock's req/s / bare node:http's, in the same round. */
  readonly ofBare: number;
  /** The mock's CPU per request / bare node:http's, in the same round. */
  readonly cpuOfBare: number;
  /** `ofBare` of each round. */
  readonly rounds: number[];
}

async function statusPoint(
  mock: BenchServer,
  bare: BenchServer,
  connections: number,
  durationMs: number,
): Promise<StatusPoint> {
  const runs: { mockRun: Measured; bareRun: Measured }[] = [];
  for (let round = 0; round < GROWTH_ROUNDS; round += 1) {
    const bareFirst = round % 2 === 0;
    const firstRun = await measure(bareFirst ? bare : mock, connections, durationMs);
    const secondRun = await measure(bareFirst ? mock : bare, connections, durationMs);
    runs.push(bareFirst ? { bareRun: firstRun, mockRun: secondRun } : { bareRun: secondRun, mockRun: firstRun });
  }
  const rounds = runs.map(({ mockRun, bareRun }) => mockRun.perSecond / bareRun.perSecond);
  return {
    perSecond: median(runs.map(({ mockRun }) => mockRun.perSecond)),
    cpuUs: median(runs.map(({ mockRun }) => mockRun.cpuUs)),
    p99Ms: median(runs.map(({ mockRun }) => mockRun.p99Ms)),
    ofBare: median(rounds),
    cpuOfBare: median(runs.map(({ mockRun, bareRun }) => mockRun.cpuUs / bareRun.cpuUs)),
    rounds,
  };
}

const p99s = (figures: SequentialFigures) => `${fmt(figures.serviceP99Ms)} / ${fmt(figures.p99Ms)} ms`;

export async function growthSeries(
  mock: BenchServer,
  bare: BenchServer,
  connections: number,
  durationMs: number,
): Promise<GrowthFigures | undefined> {
  console.log(
    `Growth series (status route, ${connections} connections, at each point ${GROWTH_ROUNDS} pairs of ${durationMs} ms flat-out runs of bare node:http and the mock, medians; delivery-log filters ${FILTER_REQUESTS} sequential requests,` +
      ` p99 of the server's own time / as the client saw it, beside bare node:http serving a page's bytes)`,
  );
  let largest: GrowthFigures | undefined;
  let first: StatusPoint | undefined;
  let last: ({ claims: number; base: MemoryUsage } & Filled) | undefined;
  const base = await ask<MemoryUsage>(mock, 'memory');
  for (const claims of POINTS) {
    const filled = await ask<Filled>(mock, { fill: claims });
    last = { claims, base, ...filled };
    // The fill ended in full GCs (for the memory figures), which shrink V8's new space: serve long enough
    // for it to grow back, or the point measures a heap in recovery (~20% more CPU per request).
    await measure(mock, connections, 2_000);
    const status = await statusPoint(mock, bare, connections, durationMs);
    first ??= status;
    const noMatch = await sequentialP99(mock, NO_MATCH, FILTER_REQUESTS);
    const page = await sequentialP99(mock, PAGE, FILTER_REQUESTS);
    // The floor this machine sets: bare node:http answering a page's bytes, one request at a time.
    const pageBytes = Math.round(page.meanBytes);
    await ask<number>(bare, { bodyBytes: pageBytes });
    const bareFloor = await sequentialP99(bare, ['/'], FILTER_REQUESTS);
    await ask<number>(bare, { bodyBytes: bare.info.bodyBytes });
    const empty = [...noMatch.bodies].every((body) => body.includes('"data":[]'));
    const ofFirst = status.ofBare / first.ofBare;
    largest = { claims, statusOfFirst: ofFirst, noMatch, page };
    console.log(
      `  ${String(claims).padStart(6)} claims, ${String(claims * 4).padStart(6)} deliveries: status ${fmt(status.perSecond, 0)} req/s` +
        ` (x${fmt(status.ofBare)} bare, x${fmt(ofFirst)} of 1 claim; rounds x${status.rounds.map((ratio) => fmt(ratio)).join(' x')} bare),` +
        ` CPU ${fmt(status.cpuUs, 1)} us/req (x${fmt(status.cpuOfBare)} bare, x${fmt(status.cpuOfBare / first.cpuOfBare)} of 1 claim),` +
        ` p99 ${fmt(status.p99Ms)} ms; rss ${fmt(filled.afterDeliveries.rss / 2 ** 20, 0)} MB`,
    );
    console.log(
      `          filters p99: no match ${p99s(noMatch)} (CPU ${fmt(noMatch.cpuUs, 0)} us/req)${empty ? '' : ' (NOT EMPTY: invalid)'},` +
        ` a page of ${pageBytes} B ${p99s(page)} (CPU ${fmt(page.cpuUs, 0)} us/req); bare node:http, same bytes: ${p99s(bareFloor)} (CPU ${fmt(bareFloor.cpuUs, 0)} us/req)`,
    );
  }
  if (last && last.added.claims > 1) {
    // Only the records this last fill added: earlier points left their deliveries in the heap, which
    // would otherwise be counted against the claims (and missing from the deliveries).
    const perClaim = (last.afterClaims.heapUsed - last.before.heapUsed) / last.added.claims;
    const perDelivery = (last.afterDeliveries.heapUsed - last.afterClaims.heapUsed) / last.added.deliveries;
    const rssPer = (last.afterDeliveries.rss - last.base.rss) / last.claims;
    console.log(
      `  memory at ${last.claims} claims (the ${last.added.claims} claims and ${last.added.deliveries} deliveries of the last fill): heap ${fmt(perClaim, 0)} B per claim, ${fmt(perDelivery, 0)} B per delivery;` +
        ` RSS ${fmt(rssPer, 0)} B per claim with its 4 deliveries (${fmt(last.afterDeliveries.rss / 2 ** 20, 0)} MB in all)`,
    );
  }
  return largest;
}
