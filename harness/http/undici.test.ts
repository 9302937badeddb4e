import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as undiciIndex from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from './undici.js';

describe('undici as the harness loads it', () => {
  it('is the Agent undici exports, and its dispatchers have undici’s request API', () => {
    // Fails when an undici upgrade moves the files harness/http/undici.ts imports.
    expect(Agent).toBe(undiciIndex.Agent);
    for (const method of ['request', 'stream', 'pipeline', 'upgrade', 'connect'] as const)
      expect(typeof new Agent()[method], method).toBe('function');
  });

  describe('request', () => {
    const seen: { method: string | undefined; url: string | undefined; body: string; header: unknown }[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, body, header: req.headers['x-probe'] });
        res.writeHead(201, { 'content-type': 'text/plain' }).end('made');
      });
    });
    const agent = new Agent();
    let origin = '';
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await agent.close();
      await new Promise((resolve) => server.close(resolve));
    });

    it('sends the path and query of the URL through the dispatcher, with undici’s method defaults', async () => {
      const get = await request(`${origin}/health?a=1&b=two`, { dispatcher: agent, headers: { 'x-probe': 'p' } });
      expect(get.statusCode).toBe(201);
      expect(await get.body.text()).toBe('made');
      await (await request(new URL('/put', origin), { dispatcher: agent, body: 'x' })).body.dump();
      await (await request(`${origin}/post`, { dispatcher: agent, method: 'POST', body: '{}' })).body.dump();
      expect(seen).toEqual([
        { method: 'GET', url: '/health?a=1&b=two', body: '', header: 'p' },
        { method: 'PUT', url: '/put', body: 'x', header: undefined },
        { method: 'POST', url: '/post', body: '{}', header: undefined },
      ]);
    });
  });
});
