import { connect, type Socket } from 'node:net';

/** A plain TCP connection to a server, for requests undici cannot send (half-sent bodies, early disconnects). */
export interface RawConnection extends AsyncDisposable {
  write(data: string): void;
  /** Resolves with everything received so far once it matches `pattern`; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Closes the connection at once, as a client that gives up does. */
  destroy(): void;
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
  const destroy = () => {
    socket.destroy();
  };
  return {
    write: (data) => void socket.write(data),
    waitFor(pattern, timeoutMs = 3000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(received)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(received);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`No ${pattern} within ${timeoutMs} ms; received: ${JSON.stringify(received.slice(0, 200))}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    destroy,
    [Symbol.asyncDispose]: async () => destroy(),
  };
}

/** An HTTP/1.1 request head; `Expect: 100-continue` makes the server confirm it has run its handler. */
export function requestHead(method: string, path: string, headers: Readonly<Record<string, string>>): string {
  const lines = Object.entries({ host: '127.0.0.1', ...headers }).map(([name, value]) => `${name}: ${value}`);
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}
