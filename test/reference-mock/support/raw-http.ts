import { connect, type Socket } from 'node:net';

/** A plain TCP connection to a server, for requests undici cannot send (half-sent bodies, early disconnects). */
export interface RawConnection extends AsyncDisposable {
  write(data: string): void;
  /** Resolves with everything received so far once it matches `pattern`; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** The final response (after any `100 Continue`), once its Content-Length body has arrived. */
  response(timeoutMs?: number): Promise<RawResponse>;
  /** Closes the connection at once, as a client that gives up does. */
  destroy(): void;
  /** Resolves with everything received once the server has closed the connection; rejects after `timeoutMs`. */
  closed(timeoutMs?: number): Promise<string>;
}

export interface RawResponse {
  readonly status: number;
  /** Lowercased names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Parses the first final response in `text`, or null while it is incomplete. */
function parseResponse(text: string): RawResponse | null {
  const final = text.replace(/^(?:HTTP\/1\.1 1\d\d [^\r]*\r\n(?:[^\r]+\r\n)*\r\n)+/, '');
  const end = final.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine = '', ...lines] = final.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = Buffer.from(final.slice(end + 4), 'latin1');
  const length = Number(headers['content-length'] ?? 0);
  if (body.length < length) return null;
  return { status: Number(statusLine.split(' ')[1]), headers, body: body.subarray(0, length).toString('utf8') };
}

/** Opens a connection to 127.0.0.1:`port`. */
export async function openRaw(port: number): Promise<RawConnection> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const opened = connect(port, '127.0.0.1', () => resolve(opened));
    opened.once('error', reject);
  });
  let received = '';
  const waiters = new Set<() => void>();
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
    for (const wake of waiters) wake();
  });
  socket.on('error', () => undefined); // a reset after destroy() is expected
  let ended = false;
  socket.on('close', () => {
    ended = true;
    for (const wake of waiters) wake();
  });
  const until = <T>(seen: (text: string) => T | null, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const result = seen(received);
        if (result === null) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(result);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`No ${what} within ${timeoutMs} ms; received: ${JSON.stringify(received.slice(0, 300))}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  const destroy = () => {
    socket.destroy();
  };
  return {
    write: (data) => void socket.write(data),
    waitFor: (pattern, timeoutMs = 10_000) =>
      until((text) => (pattern.test(text) ? text : null), String(pattern), timeoutMs),
    response: (timeoutMs = 10_000) => until(parseResponse, 'complete response', timeoutMs),
    destroy,
    closed: (timeoutMs = 10_000) => until((text) => (ended ? text : null), 'close', timeoutMs),
    [Symbol.asyncDispose]: async () => destroy(),
  };
}

/** An HTTP/1.1 request head; `Expect: 100-continue` makes the server confirm it has run its handler. */
export function requestHead(method: string, path: string, headers: Readonly<Record<string, string>>): string {
  const lines = Object.entries({ host: '127.0.0.1', ...headers }).map(([name, value]) => `${name}: ${value}`);
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}
