// Child-process servers for the benchmarks, so the load generator never shares their event loop.
// Usage: tsx bench/servers.ts mock|bare|observe <upstream URL>  -> prints one JSON line {url, path, headers, bodyBytes}
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { startObserveProxy } from '../harness/observe/index.js';
import { startReferenceMock } from '../harness/reference-mock/index.js';

const kind = process.argv[2];

async function startMock() {
  const mock = await startReferenceMock({ rateLimit: { limit: 100_000_000, windowMs: 60_000 } });
  const auth = { authorization: `Bearer ${mock.personas.sandbox.apiKey}` };
  const post = async (path: string, body: unknown, extra: Record<string, string> = {}) => {
    const response = await request(`${mock.url}${path}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', ...extra },
      body: JSON.stringify(body),
    });
    return (await response.body.json()) as { id: string };
  };
  const client = await post('/v1/clients', { externalRef: 'bench-client', name: 'Bench', country: 'GB' });
  await mock.control.advanceClock(1_000);
  const claim = await post(
    '/v1/claims',
    { clientId: client.id, claimType: 'duty_drawback', amount: { currency: 'GBP', value: '1.00' }, reference: 'bench' },
    { 'idempotency-key': 'bench-key' },
  );
  await mock.control.advanceClock(10_000);
  const path = `/v1/claims/${claim.id}/status`;
  const sample = await request(`${mock.url}${path}`, { headers: auth });
  const body = await sample.body.text();
  return {
    url: mock.url,
    path,
    headers: auth,
    bodyBytes: Buffer.byteLength(body),
    body,
    apiKey: mock.personas.sandbox.apiKey,
  };
}

async function startBare(bodyBytes: number) {
  // Same-size JSON body, so the comparison is about the server's work, not the payload.
  const payload = JSON.stringify({ pad: 'x'.repeat(Math.max(0, bodyBytes - 10)) });
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
process.stdout.write(`${JSON.stringify(info)}\n`);
process.on('SIGTERM', () => process.exit(0));
