import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isReferenceMockContainerError } from './errors.js';
import { type ProbedContainer, ReferenceMockHealthWaitStrategy, waitForHealthyMock } from './health-wait-strategy.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A loopback server whose /health answers 503 for the first `failures` requests, then 200. */
async function healthServer(failures: number): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits += 1;
    res.writeHead(hits > failures ? 200 : 503, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

function fakeContainer(state: { running: boolean; exitCode?: number; output?: string }): ProbedContainer {
  return {
    id: 'c0ffee'.repeat(10),
    inspect: async () => ({ State: { Running: state.running, ExitCode: state.exitCode ?? 0 } }),
    logs: async () => Buffer.from(state.output ?? ''),
  };
}

const options = (url: string, timeoutMs = 2000) => ({ url, image: 'img:test', timeoutMs, pollIntervalMs: 10 });

describe('waitForHealthyMock', () => {
  it('resolves once /health answers 200, polling through failures', async () => {
    const server = await healthServer(3);
    await waitForHealthyMock(fakeContainer({ running: true }), options(server.url));
    expect(server.hits()).toBe(4);
  });

  it('fails fast with the exit code and output when the container has exited', async () => {
    const server = await healthServer(Number.POSITIVE_INFINITY);
    const container = fakeContainer({
      running: false,
      exitCode: 2,
      output: 'DUTYCLAIMS_MOCK_PORT="x": must be a port\n',
    });
    const error = await waitForHealthyMock(container, options(server.url, 10_000)).then(
      () => null,
      (caught: unknown) => caught,
    );
    // Fast = on the first failed probe, not after polling until the 10 s timeout (MOCK_CONTAINER_ERR_TIMEOUT).
    expect(isReferenceMockContainerError(error) && error.code).toBe('MOCK_CONTAINER_ERR_EXITED');
    expect(server.hits()).toBe(1);
    if (!isReferenceMockContainerError(error)) return;
    expect(error.exitCode).toBe(2);
    expect(error.logsTail).toContain('must be a port');
    expect(error.message).toContain('exited with code 2');
    expect(error.message).toContain('must be a port');
  });

  it('times out with its own code when the mock never answers 200', async () => {
    const server = await healthServer(Number.POSITIVE_INFINITY);
    const error = await waitForHealthyMock(fakeContainer({ running: true }), options(server.url, 150)).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(isReferenceMockContainerError(error) && error.code).toBe('MOCK_CONTAINER_ERR_TIMEOUT');
    // At least one probe before giving up; how many fit in 150 ms depends on the machine's load.
    expect(server.hits()).toBeGreaterThanOrEqual(1);
  });
});

describe('ReferenceMockHealthWaitStrategy', () => {
  it('carries the startup timeout testcontainers sets', () => {
    const strategy = new ReferenceMockHealthWaitStrategy('http://127.0.0.1:1', 'img:test');
    expect(strategy.isStartupTimeoutSet()).toBe(false);
    expect(strategy.withStartupTimeout(1234).getStartupTimeout()).toBe(1234);
    expect(strategy.isStartupTimeoutSet()).toBe(true);
  });
});
