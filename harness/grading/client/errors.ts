/** Which grader setting was wrong. */
export type ClientGradeConfigField =
  | 'command'
  | 'timeoutMs'
  | 'maxConcurrency'
  | 'maxRetries'
  | 'maxBackoffMs'
  | 'commandTimeoutMs'
  | 'pageSize'
  | 'deliveries'
  | 'holdMs';

/** The client grader was given settings it cannot run with; `field` says which, the message what to change. */
export class ClientGradeConfigError extends Error {
  override readonly name = 'ClientGradeConfigError' as const;
  readonly code = 'GRADE_CLIENT_CONFIG' as const;
  readonly field: ClientGradeConfigField;

  constructor(field: ClientGradeConfigField, message: string) {
    super(message);
    this.field = field;
  }
}

/** True for a ClientGradeConfigError from any copy of this module. */
export const isClientGradeConfigError = (error: unknown): error is ClientGradeConfigError =>
  error instanceof Error && error.name === 'ClientGradeConfigError';
