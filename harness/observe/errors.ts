/** Stable codes of observe's errors: a program branches on these, never on the message. */
export type ObserveErrorCode =
  | 'OBSERVE_ERR_OPTIONS'
  | 'OBSERVE_ERR_FAULTS_FILE'
  | 'OBSERVE_ERR_UPSTREAM_UNREACHABLE'
  | 'OBSERVE_ERR_UPSTREAM_ENVIRONMENT'
  | 'OBSERVE_ERR_PRODUCTION_GUARD'
  | 'OBSERVE_ERR_LISTEN'
  | 'OBSERVE_ERR_PACKET_MERGE';

/** A setting, upstream or packet observe refuses; the message says what to do next. */
export class ObserveError extends Error {
  override readonly name = 'ObserveError' as const;
  constructor(
    readonly code: ObserveErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True for an ObserveError (checks `name`, so it works across module copies). */
export const isObserveError = (error: unknown): error is ObserveError =>
  error instanceof Error && error.name === 'ObserveError';
