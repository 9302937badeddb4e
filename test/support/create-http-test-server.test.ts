import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { createHttpTestServer } from './create-http-test-server.js';

describe('createHttpTestServer', () => {
  it('serves on a loopback port and records each request with its body', async () => {
    await using server = await createHttpTestServer((incoming, response) => {
      response.writeHead(201, { 'content-type': 'text/plain' });
      response.end(`got ${incoming.body}`);
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await request(`${server.url}/things?x=1`, {
      method: 'POST',
      body: 'hello',
      headers: { 'x-test': '1' },
    });
    expect(response.statusCode).toBe(201);
    expect(await response.body.text()).toBe('got hello');
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/things?x=1',
        body: 'hello',
        headers: expect.objectContaining({ 'x-test': '1' }),
      }),
    ]);
  });

  it('answers 404 without a handler, and 500 when the handler throws', async () => {
    await using server = await createHttpTestServer();
    expect((await request(server.url)).statusCode).toBe(404);
    server.handle(() => {
      throw new Error('boom');
    });
    const failed = await request(server.url);
    expect(failed.statusCode).toBe(500);
    expect(await failed.body.text()).toContain('boom');
  });

  it('closes even while a response hangs, failing the hung request', async () => {
    const server = await createHttpTestServer(() => {});
    const pending = request(server.url).catch((error: unknown) => error);
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    // A hung response ends only when close() destroys its connection: a close() that left it open
    // would never settle (the client waits minutes for headers), and the test would time out.
    await server.close();
    expect(await pending).toMatchObject({ code: 'UND_ERR_SOCKET' });
  });
});
