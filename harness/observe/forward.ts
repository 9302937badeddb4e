import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Dispatcher } from 'undici';
import { upstreamPath } from './upstream.js';

/** Headers that belong to one connection, never forwarded (RFC 9110 section 7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

function endToEnd(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>) {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
  return out;
}

/** The provider's answer, its head already read; the body still to stream. */
export interface UpstreamAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Dispatcher.ResponseData['body'];
}

const hasBody = (req: IncomingMessage) =>
  req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;

/** Sends the client's request upstream, its body streamed as it arrives (never buffered here). */
export async function sendUpstream(
  dispatcher: Dispatcher,
  base: URL,
  req: IncomingMessage,
  pathAndQuery: string,
  signal: AbortSignal,
): Promise<UpstreamAnswer> {
  const response = await dispatcher.request({
    origin: base.origin,
    path: upstreamPath(base, pathAndQuery),
    method: (req.method ?? 'GET') as Dispatcher.HttpMethod,
    headers: endToEnd(req.headers),
    body: hasBody(req) ? req : null,
    signal,
  });
  return { status: response.statusCode, headers: response.headers, body: response.body };
}

/** Keeps the first `limit` bytes that pass through, so the journal can read a small JSON body. */
export function bodyTap(limit: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!overflow) {
        size += chunk.length;
        if (size > limit) {
          overflow = true;
          chunks.length = 0;
        } else chunks.push(chunk);
      }
      done(null, chunk);
    },
  });
  return {
    stream,
    /** The body as JSON, or null when it was too large, not JSON or not read. */
    json(): unknown {
      if (overflow || chunks.length === 0) return null;
      try {
        return JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return null;
      }
    },
  };
}

/** Passes the provider's answer on to the client, streaming its body through `tap`. */
export async function relay(answer: UpstreamAnswer, res: ServerResponse, tap: ReturnType<typeof bodyTap> | null) {
  res.writeHead(answer.status, endToEnd(answer.headers));
  // A body nobody reads goes straight through, without a transform in between.
  if (tap === null) await pipeline(answer.body, res);
  else await pipeline(answer.body, tap.stream, res);
}

/** Reads the provider's answer to its end without passing it on (the lost-response fault). */
export async function swallow(answer: UpstreamAnswer, tap: ReturnType<typeof bodyTap> | null) {
  if (tap === null) return await answer.body.dump();
  tap.stream.resume(); // nobody reads the tap's output: let it flow away
  for await (const chunk of answer.body) tap.stream.write(chunk);
  tap.stream.end();
}
