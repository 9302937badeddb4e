import { getContainerRuntimeClient } from 'testcontainers';
import { describe, expect, it } from 'vitest';
import { ReferenceMockContainer } from '../../harness/container/index.js';
import { containerExists } from './docker-engine.js';
import { dockerSkipReason, imageUnderTest, suiteTitle } from './skip.js';

/** Docker's own grace period: a server still running after it is killed (SIGKILL, exit code 137). */
const DOCKER_DEFAULT_STOP_MS = 10_000;

describe.skipIf(dockerSkipReason() !== '')(suiteTitle('reference mock container shutdown'), () => {
  it('stops on SIGTERM with exit code 0, without needing the SIGKILL after the grace period', async () => {
    const started = await new ReferenceMockContainer(imageUnderTest()).start();
    const client = await getContainerRuntimeClient();
    const container = client.container.getById(started.containerId);
    try {
      // `docker stop -t 10`: SIGTERM, then SIGKILL only if the mock is still running after 10 s.
      await started.stop({ timeout: DOCKER_DEFAULT_STOP_MS, remove: false });
      const { State } = await container.inspect();
      expect(State.Running).toBe(false);
      // 0, not 137 (SIGKILL after the grace) or 143 (died of SIGTERM unhandled): it closed on SIGTERM and
      // exited by itself before docker gave up on it. No wall time: the exit code says which path ran.
      expect(State.ExitCode).toBe(0);
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
