// The growth series: the status route and the delivery-log filters as the store grows to 1 / 1,000 /
// 10,000 / 50,000 claims with 4 deliveries each, and the memory each claim and delivery costs.
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
  /** Status route req/s at the largest point / at the first. */
  readonly statusOfFirst: number;
  readonly noMatch: SequentialFigures;
  readonly page: SequentialFigures;
}

const p99s = (figures: SequentialFigures) => `${fmt(figures.serviceP99Ms)} / ${fmt(figures.p99Ms)} ms`;

export async function growthSeries(
  mock: BenchServer,
  bare: BenchServer,
  connections: number,
  durationMs: number,
): Promise<GrowthFigures | undefined> {
  console.log(
    `Growth series (status route, ${connections} connections x ${durationMs} ms, bare node:http measured right before each point; delivery-log filters ${FILTER_REQUESTS} sequential requests,` +
      ` p99 of the server's own time / as the client saw it, beside bare node:http serving a page's bytes)`,
  );
  let largest: GrowthFigures | undefined;
  let first: Measured | undefined;
  let last: ({ claims: number; base: MemoryUsage } & Filled) | undefined;
  const base = await ask<MemoryUsage>(mock, 'memory');
  for (const claims of POINTS) {
    const filled = await ask<Filled>(mock, { fill: claims });
    last = { claims, base, ...filled };
    // The fill ended in full GCs (for the memory figures), which shrink V8's new space: serve long enough
    // for it to grow back, or the point measures a heap in recovery (~20% more CPU per request).
    await measure(mock, connections, 2_000);
    const bareRun = await measure(bare, connections, durationMs);
    const mockRun = await measure(mock, connections, durationMs);
    first ??= mockRun;
    const noMatch = await sequentialP99(mock, NO_MATCH, FILTER_REQUESTS);
    const page = await sequentialP99(mock, PAGE, FILTER_REQUESTS);
    // The floor this machine sets: bare node:http answering a page's bytes, one request at a time.
    const pageBytes = Math.round(page.meanBytes);
    await ask<number>(bare, { bodyBytes: pageBytes });
    const bareFloor = await sequentialP99(bare, ['/'], FILTER_REQUESTS);
    await ask<number>(bare, { bodyBytes: bare.info.bodyBytes });
    const empty = [...noMatch.bodies].every((body) => body.includes('"data":[]'));
    largest = { claims, statusOfFirst: mockRun.perSecond / first.perSecond, noMatch, page };
    console.log(
      `  ${String(claims).padStart(6)} claims, ${String(claims * 4).padStart(6)} deliveries: status ${fmt(mockRun.perSecond, 0)} req/s` +
        ` (x${fmt(mockRun.perSecond / bareRun.perSecond)} bare, x${fmt(mockRun.perSecond / first.perSecond)} of 1 claim),` +
        ` CPU ${fmt(mockRun.cpuUs, 1)} us/req (x${fmt(mockRun.cpuUs / bareRun.cpuUs)} bare, x${fmt(mockRun.cpuUs / first.cpuUs)} of 1 claim),` +
        ` p99 ${fmt(mockRun.p99Ms)} ms; rss ${fmt(filled.afterDeliveries.rss / 2 ** 20, 0)} MB`,
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
