import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

export interface RewritingProxyOptions {
  /** Where requests go. */
  readonly target: string;
  /** Request header names (lower case) the proxy drops, like a misconfigured egress proxy. */
  readonly dropRequestHeaders?: readonly string[];
  /** Rewrites a request body before forwarding it (raw text). */
  readonly rewriteRequestBody?: (path: string, body: string) => string;
  /** Rewrites a response body before returning it (raw text); also sees the method and status. */
  readonly rewriteResponseBody?: (path: string, body: string, exchange: { method: string; status: number }) => string;
  /** Rewrites the response headers (lower-case names) before returning them: drop, add or change one. */
  readonly rewriteResponseHeaders?: (
    path: string,
    headers: Record<string, string | string[]>,
    exchange: { method: string; status: number },
  ) => Record<string, string | string[]>;
}

export interface StartedRewritingProxy extends AsyncDisposable {
  readonly url: string;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

const forwardable = (headers: IncomingHttpHeaders, drop: readonly string[]) =>
  Object.fromEntries(
    Object.entries(headers).filter(
      ([name, value]) => value !== undefined && !HOP_BY_HOP.has(name) && !drop.includes(name),
    ),
  ) as Record<string, string | string[]>;

/**
 * A loopback HTTP proxy that can drop headers or rewrite bodies and headers: it plays the middlebox
 * that breaks an integration (a proxy stripping Idempotency-Key, a gateway re-serialising JSON) or a
 * provider that misbehaves (a leaked secret, a wrong environment header).
 */
export async function startRewritingProxy(options: RewritingProxyOptions): Promise<StartedRewritingProxy> {
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const path = incoming.url ?? '/';
    let body = Buffer.concat(chunks).toString('utf8');
    if (options.rewriteRequestBody && body) body = options.rewriteRequestBody(path, body);
    try {
      const response = await request(new URL(path, options.target), {
        method: incoming.method as 'GET',
        headers: forwardable(incoming.headers, options.dropRequestHeaders ?? []),
        ...(body ? { body } : {}),
      });
      let text = await response.body.text();
      if (options.rewriteResponseBody) {
        text = options.rewriteResponseBody(path, text, {
          method: incoming.method ?? 'GET',
          status: response.statusCode,
        });
      }
      const exchange = { method: incoming.method ?? 'GET', status: response.statusCode };
      let headers = forwardable(response.headers as IncomingHttpHeaders, []);
      if (options.rewriteResponseHeaders) headers = options.rewriteResponseHeaders(path, { ...headers }, exchange);
      outgoing.writeHead(response.statusCode, headers);
      outgoing.end(text);
    } catch {
      outgoing.writeHead(502).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${port}`, close, [Symbol.asyncDispose]: close };
}
