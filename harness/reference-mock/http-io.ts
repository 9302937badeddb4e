import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { ApiProblem } from './problem.js';

/** The client went away before its request was read. */
export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError' as const;
}

/** Aborts (reason: ClientGoneError with `message`) when the response closes before it was sent: the client left. */
export function clientGoneSignal(res: ServerResponse, message: string): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onClose = () => controller.abort(new ClientGoneError(message));
  if (res.destroyed) onClose();
  else res.once('close', onClose);
  return { signal: controller.signal, dispose: () => res.off('close', onClose) };
}

/** One header as a string (repeated headers joined by Node), or null when absent. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

const clientGone = () => new ClientGoneError('The client closed the connection while sending the body.');

/**
 * Reads the request body up to `maxBytes`. A larger body (declared or streamed) rejects with 413 as
 * soon as it is known, without keeping more than `maxBytes` in memory; Node discards the rest.
 * Rejects with ClientGoneError when the client left, also when it left before this was called.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  // A destroyed request emits nothing more (not even its buffered body): listeners would wait forever.
  if (req.destroyed || req.readableAborted) return Promise.reject(clientGone());
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes)
    return Promise.reject(tooLarge(maxBytes, `declared ${declared} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: Error | null) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onGone);
      req.off('close', onGone);
      if (error) {
        req.resume(); // discard whatever is still coming
        reject(error);
      } else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish(tooLarge(maxBytes, `more than ${maxBytes} bytes streamed`));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(null);
    const onError = () => finish(clientGone());
    // 'close' before 'end' also means the client left ('error' is only emitted to existing listeners).
    const onGone = onError;
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onGone);
    req.on('close', onGone);
  });
}

function tooLarge(maxBytes: number, seen: string): ApiProblem {
  return new ApiProblem('payload_too_large', {
    message: `The request body is larger than the ${maxBytes} bytes this provider accepts (${seen}). Send a smaller body.`,
    details: [{ field: 'body', reason: `at most ${maxBytes} bytes` }],
  });
}

/** The media type of a Content-Type header, lowercased, without parameters; null when absent. */
export function mediaType(headers: IncomingHttpHeaders): string | null {
  const value = headers['content-type'];
  if (value === undefined) return null;
  const semicolon = value.indexOf(';');
  return (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase();
}
