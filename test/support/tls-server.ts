import { once } from 'node:events';
import type { RequestListener } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

export interface StartedTlsServer extends AsyncDisposable {
  readonly url: string;
  /** The self-signed certificate (PEM): trust it to make the handshake verify. */
  readonly cert: string;
  close(): Promise<void>;
}

/** An https server on 127.0.0.1:0 with a certificate made now, self-signed for 127.0.0.1; teardown built in. */
export async function startTlsServer(handler: RequestListener): Promise<StartedTlsServer> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const server = createServer({ key: pems.private, cert: pems.cert }, handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `https://127.0.0.1:${port}`, cert: pems.cert, close, [Symbol.asyncDispose]: close };
}
