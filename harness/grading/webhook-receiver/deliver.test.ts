import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { type PlannedDelivery, sendDelivery } from './deliver.js';

const delivery: PlannedDelivery = {
  checkId: 'valid-delivery',
  label: 'test',
  expectation: 'accept',
  eventId: 'evt_a',
  deliveryId: 'whd_a',
  headers: { 'X-Test': '1' },
  rawBody: '{"id":"evt_a"}',
};
const agent = new Agent();
afterAll(() => agent.close());

describe('sendDelivery', () => {
  it('sends the raw body and headers and records status and timing', async () => {
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => response.writeHead(202).end(`${request.headers['x-test']}|${body}`));
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const result = await sendDelivery(agent, new URL(`http://127.0.0.1:${port}/`), delivery, 2000);
      expect(result).toMatchObject({ status: 202, error: null, responseExcerpt: '1|{"id":"evt_a"}' });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('gives up after the ack timeout instead of waiting for a hung receiver', async () => {
    const server = createServer(() => undefined).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const result = await sendDelivery(agent, new URL(`http://127.0.0.1:${port}/`), delivery, 150);
      // The ack timeout's abort, not the client's own headers timeout (minutes): that would fail the
      // test by its timeout, or report another error.
      expect(result).toMatchObject({ status: null, error: 'no answer within 150 ms' });
      // The time until giving up is recorded (a lower bound: a busy machine only makes it later).
      expect(result.durationMs).toBeGreaterThanOrEqual(140);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('reports a refused connection as an error, not an exception', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    server.close();
    await once(server, 'close');
    const result = await sendDelivery(agent, new URL(`http://127.0.0.1:${port}/`), delivery, 1000);
    expect(result.status).toBeNull();
    expect(result.error).toContain('ECONNREFUSED');
  });
});
