// The reference mock for the benchmarks, started the way startReferenceMock starts it but keeping the
// engine in reach, so the growth series can fill its store directly (HTTP would take minutes).
import type { AddressInfo } from 'node:net';
import { createApiHandler } from '../harness/reference-mock/api-handler.js';
import { createConnectionLimitedServer } from '../harness/reference-mock/connection-limits.js';
import { createControlPlaneHandler } from '../harness/reference-mock/control-plane.js';
import { createMockEngine, type MockEngine } from '../harness/reference-mock/engine.js';
import { type ReferenceMockOptions, resolveReferenceMockOptions } from '../harness/reference-mock/options.js';

export interface BenchMock {
  readonly url: string;
  readonly engine: MockEngine;
}

export async function startBenchMock(options: ReferenceMockOptions): Promise<BenchMock> {
  const engine = createMockEngine(resolveReferenceMockOptions(options));
  const api = createApiHandler(engine);
  const control = createControlPlaneHandler(engine);
  const server = createConnectionLimitedServer(engine.options.connections, (req, res) => {
    if (req.url?.startsWith('/_mock/')) control(req, res);
    else api(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, engine };
}
