import {
  DutyClaimsApiError,
  type DutyClaimsCallError,
  describeCall,
  NetworkError,
  SchemaValidationError,
  TimeoutError,
} from './errors.js';
import type { CallMetadata } from './metadata.js';

const sentSoFar = (meta: CallMetadata): string =>
  meta.attempts.length === 0 ? 'no request of its own was sent' : `after ${meta.attempts.length} attempt(s) of its own`;

/**
 * The error a call rejects with when its OAuth token request failed: the token failure's own class,
 * code and fields, the caller's call in `meta`, and the token call's error (with the token request's
 * metadata) as `cause`. An API error's `requestId` and `correlationId` stay those the token endpoint's
 * envelope reported, since that is the request support can find.
 */
export function credentialFailure(tokenError: DutyClaimsCallError, meta: CallMetadata): DutyClaimsCallError {
  const error = sameClass(tokenError, meta, { cause: tokenError });
  // Assigned before anything reads `stack`, which V8 formats from the message on first access.
  error.message = `${describeCall(meta)} could not get an OAuth access token (${sentSoFar(meta)}): ${tokenError.message}`;
  return error;
}

/** The error of a call whose deadline passed while it waited for a token request another call started. */
export function credentialTimeout(totalMs: number, meta: CallMetadata, cause: unknown): TimeoutError {
  const error = new TimeoutError('total', totalMs, meta, { cause });
  error.message =
    `${describeCall(meta)} timed out after ${totalMs} ms waiting for an OAuth access token (${sentSoFar(meta)}). ` +
    'Check that the token endpoint answers, or raise timeouts.totalMs.';
  return error;
}

function sameClass(error: DutyClaimsCallError, meta: CallMetadata, options: ErrorOptions): DutyClaimsCallError {
  switch (error.name) {
    case 'DutyClaimsApiError':
      return new DutyClaimsApiError(
        {
          status: error.status,
          code: error.code,
          envelope: error.envelope,
          retryStrategy: error.retryStrategy,
          retryAfterMs: error.retryAfterMs,
          meta,
          reason: null,
        },
        options,
      );
    case 'SchemaValidationError':
      return new SchemaValidationError(error.issues, meta, options);
    case 'TimeoutError':
      return new TimeoutError(error.phase, error.timeoutMs, meta, options);
    case 'NetworkError':
      return new NetworkError(error.causeCode, meta, options);
  }
}
