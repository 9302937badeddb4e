import { afterEach, describe, expect, it } from 'vitest';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call } from './support/http.js';
import { openRaw, requestHead } from './support/raw-http.js';

const TOKEN = 'control-token-0123456789abcdef';
let mock: StartedReferenceMock | undefined;
afterEach(() => mock?.close());

/** A control request with the Host (and other headers) given exactly, which undici would not let us forge. */
async function raw(port: number, method: string, path: string, headers: Record<string, string>) {
  await using connection = await openRaw(port);
  const body = headers['content-length'] === undefined ? '' : '{}';
  connection.write(requestHead(method, path, { connection: 'close', ...headers }) + body);
  return await connection.response(20_000);
}

describe('the control plane refuses callers it cannot trust', () => {
  it('requires the control token when the mock has one, and its own control client sends it', async () => {
    mock = await startReferenceMock({ seed: 'guard-token', controlToken: TOKEN });
    const missing = await call(mock.url, 'GET', '/_mock/personas');
    expect([missing.status, missing.json.error.code]).toEqual([401, 'control_token_missing']);
    expect(missing.text).not.toContain(mock.personas.sandbox.apiKey);
    const wrong = await call(mock.url, 'POST', '/_mock/reset', { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect([wrong.status, wrong.json.error.code]).toEqual([401, 'control_token_invalid']);
    expect((await mock.control.personas()).seed).toBe('guard-token');
    expect((await call(mock.url, 'GET', '/health')).status).toBe(200); // the API is unaffected
  });

  it('refuses a Host that is not the listening address (DNS rebinding) and accepts loopback names', async () => {
    mock = await startReferenceMock({ seed: 'guard-host' });
    const { port } = mock;
    const rebound = await raw(port, 'GET', '/_mock/personas', { host: `attacker.example:${port}` });
    expect([rebound.status, JSON.parse(rebound.body).error.code]).toEqual([403, 'control_host_refused']);
    expect(rebound.body).not.toContain(mock.personas.sandbox.apiKey);
    expect((await raw(port, 'GET', '/_mock/personas', { host: `127.0.0.1:${port + 1}` })).status).toBe(403);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`])
      expect((await raw(port, 'GET', '/_mock/personas', { host })).status, host).toBe(200);
  });

  it('refuses simple cross-origin requests a web page could send', async () => {
    mock = await startReferenceMock({ seed: 'guard-origin' });
    const host = `127.0.0.1:${mock.port}`;
    const fromPage = await raw(mock.port, 'POST', '/_mock/reset', {
      host,
      origin: 'http://attacker.example',
      'content-type': 'text/plain',
      'content-length': '2',
    });
    expect([fromPage.status, JSON.parse(fromPage.body).error.code]).toEqual([403, 'control_origin_refused']);
    const textPlain = await raw(mock.port, 'POST', '/_mock/faults', {
      host,
      'content-type': 'text/plain',
      'content-length': '2',
    });
    expect(textPlain.status).toBe(415);
    const crossSite = await raw(mock.port, 'GET', '/_mock/personas', { host, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await raw(mock.port, 'POST', '/_mock/reset', { host, origin: `http://${host}` });
    expect(sameOrigin.status).toBe(204);
  });

  it('refuses to listen beyond loopback without a token unless told to', async () => {
    await expect(startReferenceMock({ host: '192.0.2.1', allowNonLoopbackHost: true })).rejects.toMatchObject({
      code: 'MOCK_ERR_OPTIONS',
      message: expect.stringMatching(/without a control token/),
    });
  });
});
