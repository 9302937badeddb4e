import { once } from 'node:events';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { isObserveError, type ObserveProxyOptions, startObserveProxy } from '../../harness/observe/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';

const agent = new Agent();
afterAll(() => agent.close());

/** The code an observe call rejects with. */
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (isObserveError(error) ? error.code : String(error)),
  );

async function rawUpstream(handler: RequestListener) {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    [Symbol.asyncDispose]: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Waits (generously) until the proxy holds `count` exchanges. */
async function untilInFlight(proxy: { readonly inFlight: number }, count: number) {
  for (let waited = 0; proxy.inFlight < count && waited < 10_000; waited += 20) await sleep(20);
}

const send = (url: string, init: Parameters<typeof request>[1] = {}) =>
  request(url, { dispatcher: agent, ...init }).then(async (response) => ({
    status: response.statusCode,
    headers: response.headers,
    body: await response.body.text(),
  }));

describe.concurrent('observe guards', () => {
  it('refuses an upstream that reports another environment than the declared target', async () => {
    await using mock = await startReferenceMock({ environment: 'production' });
    const refused = startObserveProxy({ upstream: mock.url, port: 0 });
    await expect(codeOf(refused)).resolves.toBe('OBSERVE_ERR_UPSTREAM_ENVIRONMENT');
    await expect(refused).rejects.toThrow(/reports environment "production", but --target is sandbox/);
  });

  it('refuses an upstream that does not say which environment it is', async () => {
    await using upstream = await rawUpstream((_req, res) => res.end('ok'));
    await expect(codeOf(startObserveProxy({ upstream: upstream.url, port: 0 }))).resolves.toBe(
      'OBSERVE_ERR_UPSTREAM_ENVIRONMENT',
    );
  });

  it('listens on loopback only unless told otherwise, and never injects faults into production', async () => {
    const base: ObserveProxyOptions = { upstream: 'http://127.0.0.1:9', port: 0 };
    await expect(codeOf(startObserveProxy({ ...base, host: '0.0.0.0' }))).resolves.toBe('OBSERVE_ERR_OPTIONS');
    const faults = [{ kind: 'drop', count: 1 }] as const;
    await expect(codeOf(startObserveProxy({ ...base, target: 'production', faults }))).resolves.toBe(
      'OBSERVE_ERR_PRODUCTION_GUARD',
    );
  });

  it('forwards only reads to production unless writes are allowed', async () => {
    await using mock = await startReferenceMock({ environment: 'production' });
    const { apiKey, partnerOrgId } = mock.personas.production;
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': 'k-1' };
    const body = JSON.stringify({ externalRef: 'obs-1', name: 'Observed', country: 'GB' });
    await using proxy = await startObserveProxy({ upstream: mock.url, port: 0, target: 'production' });
    const write = await send(`${proxy.url}/v1/clients`, { method: 'POST', headers, body });
    expect(write.status).toBe(403);
    expect(write.body).toMatch(/observe_write_refused.*--allow-production-writes/);
    const read = await send(`${proxy.url}/v1/partner-organizations/${partnerOrgId}`, { headers });
    expect(read.status).toBe(200);
    expect((await mock.control.journal()).map((entry) => entry.method)).toEqual(['GET', 'GET']); // probe + read
    await using writing = await startObserveProxy({
      upstream: mock.url,
      port: 0,
      target: 'production',
      allowProductionWrites: true,
    });
    expect((await send(`${writing.url}/v1/clients`, { method: 'POST', headers, body })).status).toBe(201);
  });

  it('answers faults itself, without forwarding, and journals them with the credential prefix only', async () => {
    await using mock = await startReferenceMock();
    const { apiKey, partnerOrgId } = mock.personas.sandbox;
    const path = `/v1/partner-organizations/${partnerOrgId}`;
    await using proxy = await startObserveProxy({
      upstream: mock.url,
      port: 0,
      faults: [
        { kind: 'status', status: 503, count: 1 },
        { kind: 'rate_limit', retryAfterSeconds: 7, count: 1 },
        { kind: 'drop', count: 1 },
        { kind: 'hang', count: 1 },
      ],
    });
    await mock.control.clearJournal();
    const headers = { authorization: `Bearer ${apiKey}`, 'x-correlation-id': 'corr-guard' };
    const unavailable = await send(`${proxy.url}${path}`, { headers });
    expect(unavailable.status).toBe(503);
    expect(JSON.parse(unavailable.body).error).toMatchObject({
      code: 'service_unavailable',
      correlationId: 'corr-guard',
    });
    const limited = await send(`${proxy.url}${path}`, { headers });
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, '7']);
    await expect(send(`${proxy.url}${path}`, { headers })).rejects.toThrow();
    const hung = new AbortController();
    const held = send(`${proxy.url}${path}`, { headers, signal: hung.signal });
    await untilInFlight(proxy, 1);
    hung.abort();
    await expect(held).rejects.toThrow();
    await proxy.settle(10_000);
    expect(await mock.control.journal()).toEqual([]);
    const journal = proxy.journal();
    expect(journal.map((entry) => [entry.status, entry.fault])).toEqual([
      [503, 'status'],
      [429, 'rate_limit'],
      [null, 'drop'],
      [null, 'hang'],
    ]);
    expect(journal[0]).toMatchObject({ operationId: 'getPartnerOrganization', credentialPrefix: apiKey.slice(0, 12) });
    expect(JSON.stringify(journal)).not.toContain(apiKey);
  });

  it('keeps a bounded journal: the oldest exchanges are dropped first', async () => {
    await using mock = await startReferenceMock();
    await using proxy = await startObserveProxy({ upstream: mock.url, port: 0, journalCapacity: 3 });
    for (let i = 0; i < 5; i++) await send(`${proxy.url}/health?i=${i}`);
    await proxy.settle(10_000);
    expect(proxy.journal().map((entry) => [entry.seq, entry.query.i])).toEqual([
      [3, '2'],
      [4, '3'],
      [5, '4'],
    ]);
  });

  it('streams bodies both ways: nothing waits for a whole body', async () => {
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let firstRequestChunk: () => void = () => {};
    const requestChunkSeen = new Promise<void>((resolve) => {
      firstRequestChunk = resolve;
    });
    await using upstream = await rawUpstream((req, res) => {
      if (req.url === '/health') return res.writeHead(200, { 'DutyClaims-Environment': 'sandbox' }).end();
      if (req.method === 'POST') {
        req.once('data', () => firstRequestChunk());
        req.on('end', () => res.end('done'));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first chunk;');
      void released.then(() => res.end('last chunk'));
    });
    await using proxy = await startObserveProxy({ upstream: upstream.url, port: 0 });
    // Answer: the client reads the first chunk while the upstream still holds the rest.
    const response = await request(`${proxy.url}/v1/webhook-deliveries`, { dispatcher: agent });
    const reader = response.body[Symbol.asyncIterator]();
    expect(String((await reader.next()).value)).toBe('first chunk;');
    release();
    for (let chunk = await reader.next(); !chunk.done; chunk = await reader.next());
    // Request: the upstream sees the first chunk before the client has sent the rest.
    const body = new PassThrough();
    const posted = request(`${proxy.url}/v1/claims`, { dispatcher: agent, method: 'POST', body });
    body.write('{"part":');
    await requestChunkSeen;
    body.end('1}');
    expect(await (await posted).body.text()).toBe('done');
  });
});
