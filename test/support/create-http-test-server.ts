import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the test server received it, body read in full. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, e.g. `/v1/claims?limit=2`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Handles one request. `request.body` is already read; the handler may also leave the response hanging. */
export type TestRequestHandler = (
  request: IncomingMessage & { readonly body: string },
  response: ServerResponse,
) => void | Promise<void>;

/** A real node:http server on 127.0.0.1, port 0, that records every request it receives. */
export interface HttpTestServer extends AsyncDisposable {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Every request received so far, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Replaces the handler for the requests that follow. */
  handle(handler: TestRequestHandler): void;
  /** Destroys open connections (hung responses included) and stops listening. */
  close(): Promise<void>;
}

const notFound: TestRequestHandler = (_request, response) => {
  response.writeHead(404, { 'content-type': 'application/json' });
  response.end('{"error":"no handler"}');
};

/** Starts a loopback HTTP server for a test; close it with `await using` or `close()`. */
export async function createHttpTestServer(handler: TestRequestHandler = notFound): Promise<HttpTestServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];

  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
    try {
      await current(Object.assign(request, { body }), response);
    } catch (error) {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`test handler threw: ${String(error)}`);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return closed;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    handle(next) {
      current = next;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
