import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as undiciIndex from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from './undici.js';

describe('undici as the harness loads it', () => {
  it('is the Agent undici exports', () => {
    // Fails when an undici upgrade moves the files harness/http/undici.ts imports.
    expect(Agent).toBe(undiciIndex.Agent);
  });

  it('gives dispatchers undici’s request API without loading undici’s index', () => {
    // In a fresh Node: this file imports undici's index, which would add the API itself.
    const script = `
      const { Agent } = await import(${JSON.stringify(new URL('./undici.ts', import.meta.url).href)});
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(process.cwd() + '/').cache);
      const agent = new Agent();
      console.log(JSON.stringify({
        api: ['request', 'stream', 'pipeline', 'upgrade', 'connect'].map((name) => typeof agent[name]),
        index: loaded.some((file) => file.endsWith('/node_modules/undici/index.js')),
      }));
      await agent.close();`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ api: Array(5).fill('function'), index: false });
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
