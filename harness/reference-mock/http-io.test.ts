import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readBody } from './http-io.js';

/** A server whose first request is handed to the test unread; closed by the returned dispose. */
async function serverWithOneRequest() {
  let handOver: (req: IncomingMessage) => void = () => undefined;
  const requested = new Promise<IncomingMessage>((resolve) => {
    handOver = resolve;
  });
  const server = createServer((req) => handOver(req));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { port, requested, [Symbol.asyncDispose]: close };
}

/** The bug guarded against is a read that never settles: this only has to fail it before the test times out. */
const HANG_MS = 10_000;

/** `promise`, or a rejection after `ms` if it has not settled by then (a hang fails clearly). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('readBody', () => {
  it('rejects with ClientGoneError when the client left before the body was read', async () => {
    await using server = await serverWithOneRequest();
    const socket = connect(server.port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}');
    const req = await server.requested;
    socket.destroy();
    // The whole body had arrived, but a destroyed request never emits it.
    await new Promise((resolve) => req.once('close', resolve));
    await expect(within(readBody(req, 1024), HANG_MS)).rejects.toMatchObject({ name: 'ClientGoneError' });
  });

  it('rejects with ClientGoneError when the client leaves in the middle of the body', async () => {
    await using server = await serverWithOneRequest();
    const socket = connect(server.port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{');
    const req = await server.requested;
    const reading = within(readBody(req, 1024), HANG_MS);
    socket.destroy();
    await expect(reading).rejects.toMatchObject({ name: 'ClientGoneError' });
  });

  it('reads a complete body', async () => {
    await using server = await serverWithOneRequest();
    const socket = connect(server.port, '127.0.0.1');
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\n{"a":1}');
    const req = await server.requested;
    expect((await readBody(req, 1024)).toString()).toBe('{"a":1}');
    socket.destroy();
  });
});
