import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isReferenceMockContainerError,
  ReferenceMockContainer,
  type StartedReferenceMockContainer,
} from '../../harness/container/index.js';
import { CONTRACT_PIN } from '../../harness/contract/index.js';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { containerExists } from './docker-engine.js';
import { dockerSkipReason, imageUnderTest, suiteTitle } from './skip.js';

const SEED = 'container-suite';

describe.skipIf(dockerSkipReason() !== '')(suiteTitle('reference mock in a container'), () => {
  let started: StartedReferenceMockContainer;

  beforeAll(async () => {
    started = await new ReferenceMockContainer(imageUnderTest()).withSeed(SEED).start();
  });
  afterAll(async () => {
    await started?.close();
  });

  it('answers /health on a loopback URL with the pinned contract hash and environment', async () => {
    expect(started.url).toBe(`http://127.0.0.1:${started.port}`);
    const response = await fetch(`${started.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('dutyclaims-contract-hash')).toBe(CONTRACT_PIN.hash);
    expect(response.headers.get('dutyclaims-environment')).toBe('sandbox');
  });

  it('has the embedded mock handle: same members and, for the same seed, the same personas', async () => {
    await using embedded = await startReferenceMock({ seed: SEED });
    // Compiles only while the container handle implements the embedded mock's interface.
    const asEmbedded: StartedReferenceMock = started;
    for (const key of ['url', 'port', 'personas', 'control', 'options', 'close'] as const)
      expect(typeof asEmbedded[key], key).toBe(typeof embedded[key]);
    expect(typeof asEmbedded[Symbol.asyncDispose]).toBe('function');
    expect(asEmbedded.personas).toEqual(embedded.personas);
    expect(asEmbedded.options.environment).toBe('sandbox');
    expect(started.containerId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('drives the control plane over HTTP through the handle: faults and the journal', async () => {
    await started.control.reset();
    const orgUrl = `${started.url}/v1/partner-organizations/${started.personas.sandbox.partnerOrgId}`;
    const headers = { authorization: `Bearer ${started.personas.sandbox.apiKey}` };
    await started.control.injectFault({
      kind: 'status',
      status: 503,
      count: 1,
      match: { path: orgUrl.slice(started.url.length) },
    });
    const failed = await fetch(orgUrl, { headers });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await fetch(orgUrl, { headers })).status).toBe(200);
    const journal = await started.control.journal();
    expect(journal.map((entry) => [entry.status, entry.fault])).toEqual([
      [503, 'status'],
      [200, null],
    ]);
    expect(await started.control.personas()).toEqual(started.personas);
  });

  it('prints its listening line and no credentials', async () => {
    const logs = await started.readLogs();
    expect(logs).toContain(`reference mock listening on ${started.url}`);
    expect(logs).not.toContain(started.personas.sandbox.apiKey);
  });

  it('serves the production environment when asked', async () => {
    await using production = await new ReferenceMockContainer(imageUnderTest())
      .withMockEnvironment('production')
      .start();
    const response = await fetch(`${production.url}/health`);
    expect(response.headers.get('dutyclaims-environment')).toBe('production');
    expect(production.options.environment).toBe('production');
  });

  it('fails with a typed error, the container output, and no container left when its port is taken', async () => {
    // Holds the port and hangs up on every connection, so /health can never answer.
    const blocker: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const error = await new ReferenceMockContainer(imageUnderTest())
        .withPort(port)
        .start()
        .then(
          () => null,
          (caught: unknown) => caught,
        );
      expect(isReferenceMockContainerError(error)).toBe(true);
      if (!isReferenceMockContainerError(error)) return;
      expect(error.code).toBe('MOCK_CONTAINER_ERR_EXITED');
      expect(error.exitCode).not.toBe(0);
      expect(error.logsTail).toContain('EADDRINUSE');
      expect(error.message).toContain('start it again');
      expect(error.containerId).toBeDefined();
      expect(await containerExists(error.containerId ?? '')).toBe(false);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('says how to build the image when a :local image is missing', async () => {
    const error = await new ReferenceMockContainer('dutyclaims/no-such-image:local').start().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(isReferenceMockContainerError(error) && error.code).toBe('MOCK_CONTAINER_ERR_NO_IMAGE');
    expect((error as Error).message).toContain('npm run mock:image');
  });
});
