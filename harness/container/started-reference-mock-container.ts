import { AbstractStartedContainer, getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import { createReferenceMockControl, type ReferenceMockControl } from '../reference-mock/control-client.js';
import type { ResolvedReferenceMockOptions } from '../reference-mock/options.js';
import type { Personas } from '../reference-mock/personas.js';
import type { StartedReferenceMock } from '../reference-mock/start.js';
import { readContainerLogs } from './container-logs.js';

/** What the started handle needs besides the container itself. */
export interface StartedMockDetails {
  readonly url: string;
  readonly port: number;
  readonly options: ResolvedReferenceMockOptions;
  /** Grace period between SIGTERM and SIGKILL when closing. */
  readonly stopTimeoutMs: number;
}

/**
 * A reference mock running in a container. Implements the embedded mock's `StartedReferenceMock`
 * (url, personas, control, close, async dispose), so code that runs the gates takes either.
 */
export class StartedReferenceMockContainer extends AbstractStartedContainer implements StartedReferenceMock {
  readonly url: string;
  readonly listeningOn: string;
  readonly port: number;
  readonly personas: Personas;
  readonly control: ReferenceMockControl;
  readonly options: ResolvedReferenceMockOptions;
  private readonly stopTimeoutMs: number;
  private closing: Promise<void> | undefined;

  private constructor(
    started: StartedTestContainer,
    details: StartedMockDetails,
    control: ReferenceMockControl,
    personas: Personas,
  ) {
    super(started);
    this.url = details.url;
    this.listeningOn = details.url;
    this.port = details.port;
    this.options = details.options;
    this.stopTimeoutMs = details.stopTimeoutMs;
    this.control = control;
    this.personas = personas;
  }

  /** Wraps a started container whose mock answers `/health`: reads its personas over the control plane. */
  static async connect(
    started: StartedTestContainer,
    details: StartedMockDetails,
  ): Promise<StartedReferenceMockContainer> {
    const token = details.options.controlToken;
    const control = createReferenceMockControl(details.url, token === null ? {} : { token });
    try {
      const personas = await control.personas();
      return new StartedReferenceMockContainer(started, details, control, personas);
    } catch (error) {
      await control.close();
      await started.stop({ timeout: 0 });
      throw error;
    }
  }

  /** The Docker container id. */
  get containerId(): string {
    return this.getId();
  }

  /** The container's output so far (its last `tail` lines when given); only while the container exists. */
  async readLogs(tail?: number): Promise<string> {
    const client = await getContainerRuntimeClient();
    return readContainerLogs(client.container.getById(this.getId()), tail);
  }

  /** Stops (SIGTERM, then SIGKILL after the grace period) and removes the container. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.stop({ timeout: this.stopTimeoutMs }).then(() => undefined);
    return this.closing;
  }

  override async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  protected override async containerStopping(): Promise<void> {
    await this.control.close();
  }
}
