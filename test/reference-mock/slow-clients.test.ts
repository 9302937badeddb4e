import { afterEach, describe, expect, it } from 'vitest';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call, clientBody } from './support/http.js';
import { openRaw, requestHead } from './support/raw-http.js';

// Deadlines are set small here so the tests are quick; the waits below are generous, so a busy
// machine only makes them slower, never wrong.
const GENEROUS_MS = 20_000;
let mock: StartedReferenceMock | undefined;
afterEach(() => mock?.close());

const start = async (connections: Record<string, number>) => {
  mock = await startReferenceMock({ seed: 'slow-clients', connections });
  return mock;
};

describe('slow and stalled clients', () => {
  it('closes a connection that never finishes its headers', async () => {
    const started = await start({ headersTimeoutMs: 300, requestTimeoutMs: 300 });
    await using silent = await openRaw(started.port);
    silent.write('GET /health HTTP/1.1\r\nhost: 127.0.0.1\r\n'); // and nothing more
    const seen = await silent.closed(GENEROUS_MS);
    expect(seen === '' || /^HTTP\/1\.1 408 /.test(seen)).toBe(true);
    expect((await call(started.url, 'GET', '/health')).status).toBe(200);
  });

  it('closes a connection idle between requests and one that trickles its body past the request deadline', async () => {
    const started = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600, idleTimeoutMs: 300 });
    await using idle = await openRaw(started.port);
    await idle.closed(GENEROUS_MS); // never sent a byte
    await using trickle = await openRaw(started.port);
    trickle.write(
      requestHead('POST', '/v1/clients', {
        authorization: `Bearer ${started.personas.sandbox.apiKey}`,
        'content-type': 'application/json',
        'content-length': '1000',
      }),
    );
    const timer = setInterval(() => trickle.write(' '), 100); // keeps the socket busy, never finishes
    try {
      await trickle.closed(GENEROUS_MS);
    } finally {
      clearInterval(timer);
    }
  });

  it('frees the Idempotency-Key of a request whose body stalled, so the next request with it runs', async () => {
    const started = await start({ headersTimeoutMs: 300, requestTimeoutMs: 500, idleTimeoutMs: 60_000 });
    const token = started.personas.sandbox.apiKey;
    const body = JSON.stringify(clientBody('stalled-owner'));
    await using owner = await openRaw(started.port);
    owner.write(
      requestHead('POST', '/v1/clients', {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': String(body.length),
        'idempotency-key': 'stalled-key',
        expect: '100-continue',
      }),
    );
    await owner.waitFor(/100 Continue/, GENEROUS_MS); // the owner holds the key now
    owner.write(body.slice(0, 5)); // and stalls
    const next = await call(started.url, 'POST', '/v1/clients', {
      token,
      body: clientBody('stalled-owner'),
      idempotencyKey: 'stalled-key',
    });
    expect([next.status, next.headers['idempotent-replayed']]).toEqual([201, 'false']);
    await owner.closed(GENEROUS_MS);
  });

  it('caps open connections and serves again once one closes', async () => {
    const started = await start({ maxConnections: 2 });
    await using first = await openRaw(started.port);
    await using second = await openRaw(started.port);
    first.write(requestHead('GET', '/health', {}));
    await first.response(GENEROUS_MS); // both are accepted and counted by now
    second.write(requestHead('GET', '/health', {}));
    await second.response(GENEROUS_MS);
    await using third = await openRaw(started.port);
    third.write(requestHead('GET', '/health', {}));
    expect(await third.closed(GENEROUS_MS)).toBe('');
    first.destroy();
    await expect
      .poll(async () => (await call(started.url, 'GET', '/health').catch(() => ({ status: 0 }))).status, {
        timeout: GENEROUS_MS,
      })
      .toBe(200);
  });

  it('refuses a headers deadline longer than the request deadline', async () => {
    await expect(
      startReferenceMock({ connections: { headersTimeoutMs: 2000, requestTimeoutMs: 1000 } }),
    ).rejects.toThrow(/headersTimeoutMs/);
  });
});
