// `npm run bench`: ratios measured in one run on this machine, never timed assertions.
//  1. reference mock requests/s on GET /v1/claims/{id}/status  /  bare node:http with a same-size body (target >= 0.5)
//  2. typed client per-request time  /  raw undici.request + JSON parse with the same headers, same server (target <= 1.3)
//  3. soak: the mock's RSS and heap after 100k and 500k mixed requests and after 1,000 rehearsals on one
//     shared mock (bench/soak.ts; BENCH_SOAK_REQUESTS, BENCH_SOAK_REHEARSALS make it smaller; 0 rehearsals
//     and BENCH_SOAK_REQUESTS=0 skip it)
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { createDutyClaimsClient, DEFAULT_CLIENT_OPTIONS } from '../harness/client/index.js';
import { runLoad } from './load.js';
import { runSoak } from './soak.js';

interface ServerInfo {
  url: string;
  path: string;
  headers: Record<string, string>;
  bodyBytes: number;
  apiKey?: string;
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LOAD_MS = Number(process.env.BENCH_LOAD_MS ?? 2_000);
const CONNECTIONS = 16;
const CLIENT_REQUESTS = Number(process.env.BENCH_CLIENT_REQUESTS ?? 500);
// Many short interleaved blocks, alternating which side goes first, so a burst of load from a
// neighbour on this shared machine lands on both sides instead of skewing one round.
const CLIENT_ROUNDS = Number(process.env.BENCH_CLIENT_ROUNDS ?? 9);

async function startServer(...args: string[]): Promise<{ info: ServerInfo; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./servers.ts', import.meta.url).pathname, ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  const [line] = (await once(lines, 'line')) as [string];
  return { info: JSON.parse(line) as ServerInfo, child };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const fmt = (value: number, digits = 2) => value.toFixed(digits);

async function serverThroughput(mock: ServerInfo, bare: ServerInfo) {
  await runLoad(mock.url, mock.path, mock.headers, { connections: CONNECTIONS, durationMs: 500 });
  await runLoad(bare.url, bare.path, bare.headers, { connections: CONNECTIONS, durationMs: 500 });
  const ratios: number[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const mockRun = await runLoad(mock.url, mock.path, mock.headers, { connections: CONNECTIONS, durationMs: LOAD_MS });
    const bareRun = await runLoad(bare.url, bare.path, bare.headers, { connections: CONNECTIONS, durationMs: LOAD_MS });
    ratios.push(mockRun.perSecond / bareRun.perSecond);
    console.log(
      `  round ${round}: mock ${fmt(mockRun.perSecond, 0)} req/s, bare node:http ${fmt(bareRun.perSecond, 0)} req/s, ratio ${fmt(mockRun.perSecond / bareRun.perSecond)}`,
    );
  }
  return median(ratios);
}

async function clientOverhead(mock: ServerInfo) {
  const claimId = mock.path.split('/')[3] ?? '';
  await using client = createDutyClaimsClient({ baseUrl: mock.url, credential: { apiKey: mock.apiKey ?? '' } });
  const viaClient = async () => {
    const started = performance.now();
    for (let i = 0; i < CLIENT_REQUESTS; i += 1) await client.getClaimStatus(claimId);
    return (performance.now() - started) / CLIENT_REQUESTS;
  };
  // The same headers the client puts on the wire (a fresh correlation id each time), so the ratio is
  // the client library's own cost, not the server's work for headers a bare call would leave out.
  const wireHeaders = { ...mock.headers, accept: 'application/json', 'user-agent': DEFAULT_CLIENT_OPTIONS.userAgent };
  const viaUndici = async () => {
    const started = performance.now();
    for (let i = 0; i < CLIENT_REQUESTS; i += 1) {
      const headers = { ...wireHeaders, 'x-correlation-id': `corr_${randomUUID()}` };
      const response = await request(`${mock.url}${mock.path}`, { headers });
      await response.body.json();
    }
    return (performance.now() - started) / CLIENT_REQUESTS;
  };
  // Warm both paths up (JIT, keep-alive sockets) before anything is counted.
  for (let warmup = 0; warmup < 3; warmup += 1) {
    await viaClient();
    await viaUndici();
  }
  const ratios: number[] = [];
  for (let round = 1; round <= CLIENT_ROUNDS; round += 1) {
    const clientFirst = round % 2 === 1;
    const first = clientFirst ? await viaClient() : await viaUndici();
    const second = clientFirst ? await viaUndici() : await viaClient();
    const [clientMs, rawMs] = clientFirst ? [first, second] : [second, first];
    ratios.push(clientMs / rawMs);
    console.log(
      `  round ${round}: client ${fmt(clientMs * 1000, 0)} µs/request, raw undici.request ${fmt(rawMs * 1000, 0)} µs/request, ratio ${fmt(clientMs / rawMs)}`,
    );
  }
  return median(ratios);
}

const mock = await startServer('mock');
const bare = await startServer('bare', String(mock.info.bodyBytes));
try {
  console.log(
    `Reference mock vs bare node:http (${mock.info.bodyBytes}-byte JSON body, ${CONNECTIONS} connections, ${ROUNDS} x ${LOAD_MS} ms)`,
  );
  const serverRatio = await serverThroughput(mock.info, bare.info);
  console.log(
    `Typed client vs raw undici.request (sequential, ${CLIENT_REQUESTS} requests x ${CLIENT_ROUNDS} interleaved rounds, against the mock)`,
  );
  const clientRatio = await clientOverhead(mock.info);
  console.log('');
  console.log(
    `mock throughput ratio (mock / bare node:http): ${fmt(serverRatio)}  target >= 0.5  ${serverRatio >= 0.5 ? 'MET' : 'MISSED'}`,
  );
  console.log(
    `client time ratio (client / raw undici.request): ${fmt(clientRatio)}  target <= 1.3  ${clientRatio <= 1.3 ? 'MET' : 'MISSED'}`,
  );
} finally {
  mock.child.kill('SIGTERM');
  bare.child.kill('SIGTERM');
}
if (process.env.BENCH_SOAK_REQUESTS !== '0') {
  console.log('');
  await runSoak();
}
