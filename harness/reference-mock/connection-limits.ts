import { createServer, type RequestListener, type Server } from 'node:http';
import type { ConnectionLimits } from './options.js';

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
  // Without a 'timeout' listener Node destroys a socket idle this long.
  server.setTimeout(limits.idleTimeoutMs);
  return server;
}

/** Lifts the idle deadline of a request the mock itself holds on purpose (delay and hang faults). */
export function exemptFromIdleTimeout(socket: { setTimeout(ms: number): unknown }): void {
  socket.setTimeout(0);
}
