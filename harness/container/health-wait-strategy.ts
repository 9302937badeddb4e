import { setTimeout as sleep } from 'node:timers/promises';
import type { WaitStrategy } from 'testcontainers';
import { Agent, request } from '../http/undici.js';
import { type LogSource, readContainerLogs } from './container-logs.js';
import { ReferenceMockContainerError } from './errors.js';

/** The parts of a Docker container (dockerode's `Container`) the readiness check uses. */
export interface ProbedContainer extends LogSource {
  readonly id: string;
  inspect(): Promise<{ readonly State: { readonly Running: boolean; readonly ExitCode: number } }>;
}

export interface HealthProbeOptions {
  /** Base URL of the mock, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  /** Image name, for error messages. */
  readonly image: string;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
}

/** Lines of container output put into start-up errors. */
const LOG_TAIL_LINES = 40;

async function answersHealth(url: string, agent: Agent): Promise<boolean> {
  try {
    const response = await request(`${url}/health`, { dispatcher: agent, headersTimeout: 1000, bodyTimeout: 1000 });
    await response.body.dump();
    return response.statusCode === 200;
  } catch {
    return false;
  }
}

async function logsTail(container: LogSource): Promise<string> {
  try {
    return await readContainerLogs(container, LOG_TAIL_LINES);
  } catch {
    return '';
  }
}

/**
 * Polls `GET {url}/health` until it answers 200. Fails fast when the container exits, and on
 * timeout, with the container's last output in the error. Needs no port binding (host networking).
 */
export async function waitForHealthyMock(container: ProbedContainer, options: HealthProbeOptions): Promise<void> {
  const { url, image } = options;
  const containerId = container.id;
  const deadline = performance.now() + options.timeoutMs;
  // Its own dispatcher: interceptors on the global one (nock) must not answer the probe.
  const agent = new Agent({ keepAliveTimeout: 100 });
  try {
    for (;;) {
      if (await answersHealth(url, agent)) return;
      const { State: state } = await container.inspect();
      if (!state.Running)
        throw new ReferenceMockContainerError(
          'MOCK_CONTAINER_ERR_EXITED',
          `The reference mock container ${containerId.slice(0, 12)} (${image}) exited with code ${state.ExitCode} before ${url}/health answered. Read its output below, fix the cause (a taken port, an invalid DUTYCLAIMS_MOCK_* variable) and start it again.`,
          { image, containerId, url, exitCode: state.ExitCode, logsTail: await logsTail(container) },
        );
      if (performance.now() >= deadline)
        throw new ReferenceMockContainerError(
          'MOCK_CONTAINER_ERR_TIMEOUT',
          `The reference mock container ${containerId.slice(0, 12)} (${image}) runs but ${url}/health did not answer 200 within ${options.timeoutMs} ms. Check that it runs with host networking on this machine's engine, or raise the startup timeout.`,
          { image, containerId, url, logsTail: await logsTail(container) },
        );
      await sleep(options.pollIntervalMs);
    }
  } finally {
    await agent.close();
  }
}

type DockerContainer = Parameters<WaitStrategy['waitUntilReady']>[0];

/** testcontainers wait strategy: ready when the mock's `/health` answers 200 on the host network. */
export class ReferenceMockHealthWaitStrategy implements WaitStrategy {
  private startupTimeoutMs = 30_000;
  private startupTimeoutSet = false;

  constructor(
    private readonly url: string,
    private readonly image: string,
    private readonly pollIntervalMs = 50,
  ) {}

  /** Called by testcontainers once the container has started. */
  async waitUntilReady(container: DockerContainer): Promise<void> {
    await waitForHealthyMock(container, {
      url: this.url,
      image: this.image,
      timeoutMs: this.startupTimeoutMs,
      pollIntervalMs: this.pollIntervalMs,
    });
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.startupTimeoutMs = startupTimeoutMs;
    this.startupTimeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.startupTimeoutSet;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }
}
