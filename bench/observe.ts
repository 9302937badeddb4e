// `npm run bench:observe`: what the observe proxy costs, as ratios from one run on this machine (never a
// timed assertion). The reference mock and the proxy each run in their own process; the same request
// (GET /v1/claims/{id}/status) goes to the mock directly and through the proxy:
//  1. per-request time, one request at a time (keep-alive), in interleaved blocks: the overhead per request
//  2. throughput with 16 connections: requests/s through the proxy / requests/s direct
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';
import { runLoad } from './load.js';

const REQUESTS = Number(process.env.BENCH_OBSERVE_REQUESTS ?? 400);
const ROUNDS = Number(process.env.BENCH_OBSERVE_ROUNDS ?? 9);
const LOAD_MS = Number(process.env.BENCH_LOAD_MS ?? 2_000);

interface ServerInfo {
  readonly url: string;
  readonly path: string;
  readonly headers: Record<string, string>;
}

async function start(...args: string[]): Promise<{ info: ServerInfo; child: ChildProcess }> {
  const script = new URL('./servers.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  const [line] = (await once(lines, 'line')) as [string];
  return { info: JSON.parse(line) as ServerInfo, child };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Mean milliseconds per request over `REQUESTS` sequential requests on one keep-alive connection. */
async function perRequestMs(url: string, path: string, headers: Record<string, string>): Promise<number> {
  const pool = new Pool(url, { connections: 1 });
  const started = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const response = await pool.request({ path, method: 'GET', headers });
    await response.body.dump();
    if (response.statusCode !== 200)
      throw new Error(`${url}${path} answered ${response.statusCode}: the benchmark is invalid.`);
  }
  const ms = (performance.now() - started) / REQUESTS;
  await pool.close();
  return ms;
}

const mock = await start('mock');
const proxy = await start('observe', mock.info.url);
try {
  const { path, headers } = mock.info;
  await perRequestMs(mock.info.url, path, headers); // warm both
  await perRequestMs(proxy.info.url, path, headers);
  const direct: number[] = [];
  const proxied: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which side goes first, so a neighbour's burst of load lands on both.
    const order = round % 2 === 0 ? ['direct', 'proxied'] : ['proxied', 'direct'];
    for (const side of order)
      if (side === 'direct') direct.push(await perRequestMs(mock.info.url, path, headers));
      else proxied.push(await perRequestMs(proxy.info.url, path, headers));
  }
  const d = median(direct);
  const p = median(proxied);
  console.log(`observe proxy, one request at a time (${ROUNDS} rounds of ${REQUESTS}, medians):`);
  console.log(
    `  direct to the mock ${(d * 1000).toFixed(0)} µs/request, through the proxy ${(p * 1000).toFixed(0)} µs/request`,
  );
  console.log(`  overhead ${((p - d) * 1000).toFixed(0)} µs per request; ratio proxied/direct ${(p / d).toFixed(2)}`);
  const directLoad = await runLoad(mock.info.url, path, headers, { connections: 16, durationMs: LOAD_MS });
  const proxiedLoad = await runLoad(proxy.info.url, path, headers, { connections: 16, durationMs: LOAD_MS });
  console.log(
    `observe proxy, 16 connections: direct ${directLoad.perSecond.toFixed(0)} req/s, through the proxy ${proxiedLoad.perSecond.toFixed(0)} req/s, ratio ${(proxiedLoad.perSecond / directLoad.perSecond).toFixed(2)}`,
  );
} finally {
  mock.child.kill('SIGTERM');
  proxy.child.kill('SIGTERM');
}
