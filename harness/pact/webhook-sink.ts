import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback receiver that answers 204 to every delivery, so the reference mock's deliveries succeed. */
export interface StartedWebhookSink extends AsyncDisposable {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the sink on 127.0.0.1, port 0. */
export async function startWebhookSink(): Promise<StartedWebhookSink> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  return { url: `http://127.0.0.1:${port}/dutyclaims/webhooks`, close, [Symbol.asyncDispose]: close };
}
