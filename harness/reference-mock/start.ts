import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReferenceMockControl, type ReferenceMockControl } from './control-client.js';
import { ReferenceMockError } from './errors.js';
import {
  type ReferenceMockOptions,
  type ResolvedReferenceMockOptions,
  resolveReferenceMockOptions,
} from './options.js';
import type { Personas } from './personas.js';

/** A running reference mock. `await using mock = await startReferenceMock()` closes it at scope end. */
export interface StartedReferenceMock extends AsyncDisposable {
  /** `http://127.0.0.1:PORT`: where this machine reaches it (a wildcard host is reported as loopback). */
  readonly url: string;
  /** The address it really listens on, e.g. `http://0.0.0.0:PORT` for a wildcard host. */
  readonly listeningOn: string;
  readonly port: number;
  readonly personas: Personas;
  readonly control: ReferenceMockControl;
  readonly options: ResolvedReferenceMockOptions;
  /** Stops listening, releases hanging requests, aborts webhook attempts. Idempotent. */
  close(): Promise<void>;
}

const httpUrl = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

function urlFor(host: string, port: number): string {
  return httpUrl(host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host, port);
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Starts the strict in-process DutyClaims provider on `node:http` (127.0.0.1, port 0 by default).
 * @example
 * await using mock = await startReferenceMock({ seed: 'my-suite' });
 * const res = await fetch(`${mock.url}/health`);
 */
export async function startReferenceMock(options: ReferenceMockOptions = {}): Promise<StartedReferenceMock> {
  const resolved = resolveReferenceMockOptions(options);
  // The server and its engine (webhook dispatcher, undici) load on the first start, not on import.
  const [{ createMockEngine }, { createApiHandler }, { createControlPlaneHandler }, { createConnectionLimitedServer }] =
    await Promise.all([
      import('./engine.js'),
      import('./api-handler.js'),
      import('./control-plane.js'),
      import('./connection-limits.js'),
    ]);
  const engine = createMockEngine(resolved);
  const api = createApiHandler(engine);
  const control = createControlPlaneHandler(engine);
  const server = createConnectionLimitedServer(resolved.connections, (req, res) => {
    if (req.url?.startsWith('/_mock/')) control(req, res);
    else api(req, res);
  });
  let address: AddressInfo;
  try {
    address = await listen(server, resolved.host, resolved.port);
  } catch (cause) {
    await engine.close();
    const code = (cause as { code?: string }).code ?? 'error';
    throw new ReferenceMockError(
      'MOCK_ERR_LISTEN',
      `The reference mock could not listen on ${resolved.host}:${resolved.port} (${code}). Pick another port (0 = any free one) or host.`,
      { cause },
    );
  }
  const url = urlFor(resolved.host, address.port);
  const controlClient = createReferenceMockControl(
    url,
    resolved.controlToken === null ? {} : { token: resolved.controlToken },
  );
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await engine.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await controlClient.close();
    })();
    return closing;
  };
  return {
    url,
    listeningOn: httpUrl(resolved.host, address.port),
    port: address.port,
    personas: engine.personas,
    control: controlClient,
    options: resolved,
    close,
    [Symbol.asyncDispose]: close,
  };
}
