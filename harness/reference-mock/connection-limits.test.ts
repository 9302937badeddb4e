import { once } from 'node:events';
import type { Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectionLimitedServer, exemptFromIdleTimeout } from './connection-limits.js';
import { DEFAULT_REFERENCE_MOCK_OPTIONS } from './options.js';

const IDLE_MS = 200;
// Node's own deadlines far away, so only the idle sweep can close a socket here.
const LIMITS = {
  ...DEFAULT_REFERENCE_MOCK_OPTIONS.connections,
  headersTimeoutMs: 60_000,
  requestTimeoutMs: 60_000,
  idleTimeoutMs: IDLE_MS,
};

let server: Server | undefined;
const open: Socket[] = [];
afterEach(async () => {
  for (const socket of open.splice(0)) socket.destroy();
  server?.closeAllConnections();
  if (server) await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A server that never answers; a request to /held is held on purpose (exempt from the idle deadline). */
async function start(): Promise<number> {
  server = createConnectionLimitedServer(LIMITS, (req) => {
    if (req.url === '/held') exemptFromIdleTimeout(req.socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

async function connectTo(port: number): Promise<{ socket: Socket; closed: Promise<unknown> }> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  open.push(socket);
  const closed = once(socket, 'close');
  await once(socket, 'connect');
  return { socket, closed };
}

describe('the idle deadline', () => {
  it('closes a socket that sent nothing, and one whose request is left without a byte either way', async () => {
    const port = await start();
    const silent = await connectTo(port);
    const waiting = await connectTo(port);
    waiting.socket.write('GET /waiting HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
    // No timer here: the sweep closes both, however long a busy machine takes to run it.
    await Promise.all([silent.closed, waiting.closed]);
    expect([silent.socket.destroyed, waiting.socket.destroyed]).toEqual([true, true]);
  });

  it('keeps a socket the mock holds on purpose past the deadline that closes an idle peer', async () => {
    const port = await start();
    const held = await connectTo(port);
    held.socket.write('GET /held HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
    let heldClosed = false;
    void held.closed.then(() => {
      heldClosed = true;
    });
    // Sent after the held request and with a later last byte: by the time the sweep closes this one,
    // the held socket has been idle longer.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const peer = await connectTo(port);
    peer.socket.write('GET /waiting HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
    await peer.closed;
    // One sweep more, so a wrongly expired held socket would have gone by now.
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    expect(heldClosed).toBe(false);
  });
});
