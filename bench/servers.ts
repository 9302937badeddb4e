// Child-process servers for the benchmarks, so the load generator never shares their event loop.
// Usage: node --expose-gc --import tsx bench/servers.ts mock|bare [bodyBytes] | observe <upstream URL>
//   -> prints one JSON line {url, path, headers, bodyBytes, ...}; answers IPC messages:
//   'cpu'             -> process.cpuUsage() (the server's own CPU time, for CPU per request)
//   'memory'          -> process.memoryUsage() after a full GC
//   {fill: N}         -> (mock) grows the store to N claims and 4 N deliveries; answers the memory
//                        before, after the claims and after the deliveries, and how many of each it added
//   'time'            -> starts recording the server's own time for each request: from the request's
//                        headers parsed to its response handed to the kernel (node:http's diagnostics
//                        channels), so the load generator's own pauses are not in it
//   'service'         -> stops recording and answers the times (ms) recorded since 'time'
//   {bodyBytes: N}    -> (bare) serves a same-shape JSON body of N bytes from now on
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { startObserveProxy } from '../harness/observe/index.js';
import type { ClaimRecord } from '../harness/reference-mock/store.js';
import { type BenchMock, startBenchMock } from './bench-mock.js';
import { fillClaims, fillDeliveries } from './store-fill.js';

/** Room for the largest point of the growth series (50,000 claims, 200,000 deliveries). */
const GROWTH_RETENTION = { maxClaims: 60_000, maxDeliveries: 250_000 };

const kind = process.argv[2];
let fill: ((claims: number) => unknown) | undefined;

/** When each request in flight started (performance.now()), and the service times since 'time'. */
const started = new WeakMap<IncomingMessage, number>();
let serviceMs: number[] = [];
const onStart = (message: unknown) => {
  started.set((message as { request: IncomingMessage }).request, performance.now());
};
const onFinish = (message: unknown) => {
  const at = started.get((message as { request: IncomingMessage }).request);
  if (at !== undefined) serviceMs.push(performance.now() - at);
};
// Subscribed only while asked: node:http publishes nothing without a subscriber, so the load runs
// measure the servers' CPU without this bookkeeping.
const recordServiceTimes = (on: boolean) => {
  for (const [channel, handler] of [
    ['http.server.request.start', onStart],
    ['http.server.response.finish', onFinish],
  ] as const)
    if (on) subscribe(channel, handler);
    else unsubscribe(channel, handler);
};
let setBodyBytes: ((bytes: number) => unknown) | undefined;

const memory = () => {
  globalThis.gc?.();
  return process.memoryUsage();
};

async function startMock() {
  const mock: BenchMock = await startBenchMock({
    rateLimit: { limit: 100_000_000, windowMs: 60_000 },
    retention: GROWTH_RETENTION,
  });
  const { apiKey, partnerOrgId } = mock.engine.personas.sandbox;
  const auth = { authorization: `Bearer ${apiKey}` };
  const post = async (path: string, body: unknown, extra: Record<string, string> = {}) => {
    const response = await request(`${mock.url}${path}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', ...extra },
      body: JSON.stringify(body),
    });
    return (await response.body.json()) as { id: string };
  };
  const client = await post('/v1/clients', { externalRef: 'bench-client', name: 'Bench', country: 'GB' });
  mock.engine.clock.advance(1_000);
  const claim = await post(
    '/v1/claims',
    { clientId: client.id, claimType: 'duty_drawback', amount: { currency: 'GBP', value: '1.00' }, reference: 'bench' },
    { 'idempotency-key': 'bench-key' },
  );
  mock.engine.clock.advance(10_000);
  const path = `/v1/claims/${claim.id}/status`;
  const sample = await request(`${mock.url}${path}`, { headers: auth });
  const body = await sample.body.text();
  const template = mock.engine.store.claims.get(claim.id) as ClaimRecord;
  fill = (claims) => {
    const { store, clock } = mock.engine;
    const before = memory();
    const [claimsBefore, deliveriesBefore] = [store.claims.size, store.deliveries.size];
    fillClaims(store, template, claims);
    const afterClaims = memory();
    fillDeliveries(store, partnerOrgId, claims * 4, clock.iso());
    store.retain(clock.now());
    const afterDeliveries = memory();
    const added = { claims: store.claims.size - claimsBefore, deliveries: store.deliveries.size - deliveriesBefore };
    return { before, afterClaims, afterDeliveries, added };
  };
  return { url: mock.url, path, headers: auth, bodyBytes: Buffer.byteLength(body), body, apiKey };
}

async function startBare(bodyBytes: number) {
  // Same-size JSON body, so the comparison is about the server's work, not the payload.
  const bodyOf = (bytes: number) => JSON.stringify({ pad: 'x'.repeat(Math.max(0, bytes - 10)) });
  let payload = bodyOf(bodyBytes);
  setBodyBytes = (bytes) => {
    payload = bodyOf(bytes);
    return Buffer.byteLength(payload);
  };
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    response.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, path: '/', headers: {}, bodyBytes: Buffer.byteLength(payload) };
}

/** The observe proxy in front of `upstream`, journaling every exchange as it does for a partner. */
async function startObserve(upstream: string) {
  const proxy = await startObserveProxy({ upstream, port: 0 });
  return { url: proxy.url, path: '/', headers: {}, bodyBytes: 0 };
}

const info =
  kind === 'mock'
    ? await startMock()
    : kind === 'observe'
      ? await startObserve(process.argv[3] ?? '')
      : await startBare(Number(process.argv[3] ?? 400));
process.on('message', (message: unknown) => {
  if (message === 'cpu') process.send?.(process.cpuUsage());
  else if (message === 'memory') process.send?.(memory());
  else if (message === 'time') {
    serviceMs = [];
    recordServiceTimes(true);
    process.send?.(true);
  } else if (message === 'service') {
    recordServiceTimes(false);
    process.send?.(serviceMs);
    serviceMs = [];
  } else if (typeof message === 'object' && message !== null && 'bodyBytes' in message)
    process.send?.(setBodyBytes?.(Number(message.bodyBytes)) ?? null);
  else if (typeof message === 'object' && message !== null && 'fill' in message)
    process.send?.(fill?.(Number(message.fill)) ?? null);
});
process.stdout.write(`${JSON.stringify(info)}\n`);
process.on('SIGTERM', () => process.exit(0));
