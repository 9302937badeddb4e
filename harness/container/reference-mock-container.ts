import { randomBytes } from 'node:crypto';
import { GenericContainer, getContainerRuntimeClient, ImageName } from 'testcontainers';
import { type MockEnvironment, resolveReferenceMockOptions } from '../reference-mock/options.js';
import { isReferenceMockContainerError, ReferenceMockContainerError } from './errors.js';
import { findFreePort } from './free-port.js';
import { ReferenceMockHealthWaitStrategy } from './health-wait-strategy.js';
import { StartedReferenceMockContainer } from './started-reference-mock-container.js';

/** What a caller may pass to `startReferenceMockContainer`; every field has a default. */
export interface ReferenceMockContainerOptions {
  readonly image?: string;
  /** Personas (org ids, keys) are derived from it, exactly as in the embedded mock. */
  readonly seed?: string;
  readonly environment?: MockEnvironment;
  /** Host port to listen on (host networking). Default: a free one, chosen at start. */
  readonly port?: number;
  readonly startupTimeoutMs?: number;
}

/** Every default of the reference-mock container, in one place. */
export const DEFAULT_REFERENCE_MOCK_CONTAINER_OPTIONS = {
  image: 'dutyclaims/reference-mock:local',
  /** The mock binds loopback: with host networking that is this machine's loopback. */
  host: '127.0.0.1',
  environment: 'sandbox' as MockEnvironment,
  startupTimeoutMs: 30_000,
  /** SIGTERM grace period on close; the mock exits in well under a second. */
  stopTimeoutMs: 5_000,
  healthPollIntervalMs: 50,
  /** Starts tried with a freshly chosen port when another process took the previous one. */
  portAttempts: 3,
} as const;

const D = DEFAULT_REFERENCE_MOCK_CONTAINER_OPTIONS;

const portWasTaken = (error: unknown) =>
  isReferenceMockContainerError(error) &&
  error.code === 'MOCK_CONTAINER_ERR_EXITED' &&
  /EADDRINUSE/.test(error.logsTail);

/**
 * The reference mock image as a testcontainers container, with host networking and a `/health`
 * wait strategy (no port bindings needed).
 * @example
 * await using mock = await new ReferenceMockContainer().withSeed('my-suite').start();
 * await runLaunchRehearsal({ config, mock });
 */
export class ReferenceMockContainer extends GenericContainer {
  private readonly imageRef: string;
  private seed: string | undefined;
  private mockEnvironment: MockEnvironment = D.environment;
  private fixedPort: number | undefined;

  constructor(image: string = D.image) {
    super(image);
    this.imageRef = image;
    this.withNetworkMode('host')
      .withStartupTimeout(D.startupTimeoutMs)
      .withLabels({ 'org.dutyclaims.component': 'reference-mock' });
  }

  /** Seed of the personas: the same seed gives the same org ids and keys as the embedded mock. */
  withSeed(seed: string): this {
    this.seed = seed;
    return this;
  }

  /** `sandbox` (default) or `production`. Named apart from testcontainers' `withEnvironment` (variables). */
  withMockEnvironment(environment: MockEnvironment): this {
    this.mockEnvironment = environment;
    return this;
  }

  /** Host port the mock listens on; 0 or unset picks a free one at start. */
  withPort(port: number): this {
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      throw new RangeError(`withPort(${port}): give a TCP port between 1 and 65535, or 0 for a free one.`);
    this.fixedPort = port === 0 ? undefined : port;
    return this;
  }

  /** Starts the container and resolves once `/health` answers and the personas are read. */
  override async start(): Promise<StartedReferenceMockContainer> {
    await this.checkEngineAndImage();
    for (let attempt = 1; ; attempt += 1) {
      const port = this.fixedPort ?? (await findFreePort(D.host));
      const url = `http://${D.host}:${port}`;
      // The container requires a control token; each started container gets its own.
      const controlToken = randomBytes(24).toString('hex');
      this.withEnvironment({
        DUTYCLAIMS_MOCK_CONTROL_TOKEN: controlToken,
        DUTYCLAIMS_MOCK_HOST: D.host,
        DUTYCLAIMS_MOCK_PORT: String(port),
        DUTYCLAIMS_MOCK_ENVIRONMENT: this.mockEnvironment,
        ...(this.seed === undefined ? {} : { DUTYCLAIMS_MOCK_SEED: this.seed }),
      }).withWaitStrategy(new ReferenceMockHealthWaitStrategy(url, this.imageRef, D.healthPollIntervalMs));
      try {
        const started = await super.start();
        const options = resolveReferenceMockOptions({
          host: D.host,
          port,
          controlToken,
          environment: this.mockEnvironment,
          ...(this.seed === undefined ? {} : { seed: this.seed }),
        });
        return await StartedReferenceMockContainer.connect(started, {
          url,
          port,
          options,
          stopTimeoutMs: D.stopTimeoutMs,
        });
      } catch (error) {
        if (this.fixedPort === undefined && attempt < D.portAttempts && portWasTaken(error)) continue;
        throw error;
      }
    }
  }

  private async checkEngineAndImage(): Promise<void> {
    const image = this.imageRef;
    let client: Awaited<ReturnType<typeof getContainerRuntimeClient>>;
    try {
      client = await getContainerRuntimeClient();
    } catch (cause) {
      throw new ReferenceMockContainerError(
        'MOCK_CONTAINER_ERR_NO_ENGINE',
        'No Docker engine is reachable (DOCKER_HOST, or /var/run/docker.sock). Start one (see docs/container.md; CI uses .ci/docker/start-engine.sh) and try again.',
        { image, cause },
      );
    }
    // A `:local` tag is never published: pulling it cannot work, so say how to build it instead.
    if (image.endsWith(':local') && !(await client.image.exists(ImageName.fromString(image))))
      throw new ReferenceMockContainerError(
        'MOCK_CONTAINER_ERR_NO_IMAGE',
        `The image ${image} is not in the Docker engine: build it with npm run mock:image (docker/build-image.sh).`,
        { image },
      );
  }
}

/** Starts the reference mock in a container; the handle works wherever an embedded mock's does. */
export function startReferenceMockContainer(
  options: ReferenceMockContainerOptions = {},
): Promise<StartedReferenceMockContainer> {
  const container = new ReferenceMockContainer(options.image ?? D.image).withMockEnvironment(
    options.environment ?? D.environment,
  );
  if (options.seed !== undefined) container.withSeed(options.seed);
  if (options.port !== undefined) container.withPort(options.port);
  if (options.startupTimeoutMs !== undefined) container.withStartupTimeout(options.startupTimeoutMs);
  return container.start();
}
