// The reference mock for the soak benchmark, in its own process and from the built package (dist/,
// `npm run build`), so its memory is what a deployed mock uses, without a TypeScript loader.
// Prints one JSON line {url, apiKey, oauthClient}; answers an IPC 'memory' message with
// process.memoryUsage() after a full GC (run with --expose-gc).
import { startReferenceMock } from '../dist/harness/reference-mock/index.js';

const mock = await startReferenceMock({
  seed: 'soak',
  rateLimit: { limit: 100_000_000, windowMs: 60_000 },
  webhookDelivery: { timeoutMs: 2000 },
});
const { apiKey, oauthClient } = mock.personas.sandbox;
process.stdout.write(`${JSON.stringify({ url: mock.url, apiKey, oauthClient })}\n`);
process.on('message', (message) => {
  if (message !== 'memory') return;
  globalThis.gc?.();
  process.send?.(process.memoryUsage());
});
process.on('SIGTERM', () => {
  void mock.close().then(() => process.exit(0));
});
