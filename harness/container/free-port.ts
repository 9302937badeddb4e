import { createServer } from 'node:net';

/**
 * Asks the OS for a free TCP port on `host` (binds port 0, reads it, closes). With host networking
 * the container's port is a host port, so it has to be chosen before the container starts.
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error(`No port was assigned on ${host}.`))));
    });
  });
}
