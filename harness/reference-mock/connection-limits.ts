import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionLimits } from './options.js';

/** Sockets the mock holds on purpose (delay and hang faults): never closed as idle. */
const exempt = new WeakSet<object>();

/**
 * An HTTP server that cuts off stalled clients: headers and whole-request deadlines (Node answers 408
 * and closes), an idle deadline per socket, and a cap on open connections. A cut-off request ends as
 * "client gone", which releases an Idempotency-Key it had reserved.
 */
export function createConnectionLimitedServer(limits: ConnectionLimits, listener: RequestListener): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the two deadlines on this interval (30 s by default): check often enough that a
      // deadline is enforced close to when it falls, whatever it is.
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    listener,
  );
  server.maxConnections = limits.maxConnections;
  closeIdleSockets(server, limits.idleTimeoutMs);
  return server;
}

/** Lifts the idle deadline of a request the mock itself holds on purpose (delay and hang faults). */
export function exemptFromIdleTimeout(socket: object): void {
  exempt.add(socket);
}

/**
 * Closes a socket that moved no byte either way for `idleMs`, checked on a sweep over the open sockets.
 * Not `server.setTimeout`: its per-socket timer is re-armed by every request and refreshed by every
 * read and write, ~5% of the mock's CPU per request (issue 16), for a deadline that a sweep four times
 * per deadline (at most once a second) keeps as well: a socket goes between `idleMs` and `idleMs` plus
 * two sweeps after its last byte.
 */
function closeIdleSockets(server: Server, idleMs: number): void {
  /** Each open socket's byte count at the last sweep, and since when it has not changed. */
  const seen = new Map<Socket, { bytes: number; since: number }>();
  server.on('connection', (socket: Socket) => {
    seen.set(socket, { bytes: 0, since: performance.now() });
    socket.once('close', () => seen.delete(socket));
  });
  const sweep = setInterval(
    () => {
      const now = performance.now();
      for (const [socket, last] of seen) {
        const bytes = socket.bytesRead + socket.bytesWritten;
        if (bytes !== last.bytes) {
          last.bytes = bytes;
          last.since = now;
        } else if (now - last.since >= idleMs && !exempt.has(socket)) {
          seen.delete(socket);
          socket.destroy();
        }
      }
    },
    Math.max(10, Math.min(1000, Math.floor(idleMs / 4))),
  );
  sweep.unref();
  server.once('close', () => clearInterval(sweep));
}
