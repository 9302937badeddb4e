/** Why a reference-mock container could not be started or used. Stable: programs branch on it. */
export type ReferenceMockContainerErrorCode =
  | 'MOCK_CONTAINER_ERR_NO_ENGINE'
  | 'MOCK_CONTAINER_ERR_NO_IMAGE'
  | 'MOCK_CONTAINER_ERR_EXITED'
  | 'MOCK_CONTAINER_ERR_TIMEOUT';

/** Context of a container failure; `logsTail` is the container's last output lines, when there was any. */
export interface ReferenceMockContainerErrorContext {
  readonly image: string;
  readonly containerId?: string;
  readonly url?: string;
  readonly exitCode?: number;
  readonly logsTail?: string;
  readonly cause?: unknown;
}

/** A failure to run the reference mock in a container (engine, image, start-up), never of the API it serves. */
export class ReferenceMockContainerError extends Error {
  override readonly name = 'ReferenceMockContainerError' as const;
  readonly code: ReferenceMockContainerErrorCode;
  readonly image: string;
  readonly containerId: string | undefined;
  readonly url: string | undefined;
  readonly exitCode: number | undefined;
  readonly logsTail: string;

  constructor(code: ReferenceMockContainerErrorCode, message: string, context: ReferenceMockContainerErrorContext) {
    const tail = context.logsTail?.trim() ?? '';
    super(
      tail === '' ? message : `${message}\nLast container output:\n${tail}`,
      context.cause === undefined ? undefined : { cause: context.cause },
    );
    this.code = code;
    this.image = context.image;
    this.containerId = context.containerId;
    this.url = context.url;
    this.exitCode = context.exitCode;
    this.logsTail = tail;
  }
}

/** True for a ReferenceMockContainerError from any copy of this module. */
export const isReferenceMockContainerError = (error: unknown): error is ReferenceMockContainerError =>
  error instanceof Error && error.name === 'ReferenceMockContainerError';
