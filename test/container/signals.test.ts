import { getContainerRuntimeClient } from 'testcontainers';
import { describe, expect, it } from 'vitest';
import { ReferenceMockContainer } from '../../harness/container/index.js';
import { containerExists } from './docker-engine.js';
import { dockerSkipReason, imageUnderTest, suiteTitle } from './skip.js';

/** Docker's own grace period; a server that ignores SIGTERM takes this long to stop. */
const DOCKER_DEFAULT_STOP_MS = 10_000;

describe.skipIf(dockerSkipReason() !== '')(suiteTitle('reference mock container shutdown'), () => {
  it('stops on SIGTERM with exit code 0, in well under docker stop grace period', async () => {
    const started = await new ReferenceMockContainer(imageUnderTest()).start();
    const client = await getContainerRuntimeClient();
    const container = client.container.getById(started.containerId);
    try {
      const before = performance.now();
      // `docker stop -t 10`: SIGTERM, then SIGKILL only if the mock is still running after 10 s.
      await started.stop({ timeout: DOCKER_DEFAULT_STOP_MS, remove: false });
      const elapsed = performance.now() - before;
      const { State } = await container.inspect();
      expect(State.Running).toBe(false);
      expect(State.ExitCode).toBe(0);
      expect(elapsed).toBeLessThan(2_000);
    } finally {
      await container.remove({ force: true });
    }
  });

  it('stops on SIGINT with exit code 0', async () => {
    const started = await new ReferenceMockContainer(imageUnderTest()).start();
    const client = await getContainerRuntimeClient();
    const container = client.container.getById(started.containerId);
    try {
      await container.kill({ signal: 'SIGINT' });
      const { StatusCode } = (await container.wait()) as { StatusCode: number };
      expect(StatusCode).toBe(0);
    } finally {
      await started.close();
    }
  });

  it('close() stops and removes the container, and the URL stops answering', async () => {
    const started = await new ReferenceMockContainer(imageUnderTest()).start();
    expect((await fetch(`${started.url}/health`)).status).toBe(200);
    await started.close();
    await started.close(); // idempotent
    expect(await containerExists(started.containerId)).toBe(false);
    await expect(fetch(`${started.url}/health`)).rejects.toThrow();
  });

  it('await using disposes the container at scope end', async () => {
    let id = '';
    {
      await using started = await new ReferenceMockContainer(imageUnderTest()).start();
      id = started.containerId;
      expect(await containerExists(id)).toBe(true);
    }
    expect(await containerExists(id)).toBe(false);
  });
});
