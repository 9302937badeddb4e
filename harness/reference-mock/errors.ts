/** Why the reference mock could not do what was asked. Stable: programs branch on it. */
export type ReferenceMockErrorCode =
  | 'MOCK_ERR_OPTIONS'
  | 'MOCK_ERR_LISTEN'
  | 'MOCK_ERR_CONTROL'
  | 'MOCK_ERR_CONTROL_NETWORK'
  | 'MOCK_ERR_CLOSED';

/** A failure of the reference mock itself (options, listening, control plane), never of the API it serves. */
export class ReferenceMockError extends Error {
  override readonly name = 'ReferenceMockError' as const;
  readonly code: ReferenceMockErrorCode;
  /** HTTP status of a failed control-plane call, when there was one. */
  readonly status: number | undefined;
  /** Field-level problems, e.g. which option is invalid and why. */
  readonly details: readonly { readonly field: string; readonly reason: string }[];

  constructor(
    code: ReferenceMockErrorCode,
    message: string,
    context: {
      status?: number;
      details?: readonly { field: string; reason: string }[];
      cause?: unknown;
    } = {},
  ) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.code = code;
    this.status = context.status;
    this.details = context.details ?? [];
  }
}

/** True for a ReferenceMockError from any copy of this module. */
export const isReferenceMockError = (error: unknown): error is ReferenceMockError =>
  error instanceof Error && error.name === 'ReferenceMockError';
