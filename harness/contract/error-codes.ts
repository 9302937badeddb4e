import type { ErrorType, RetryStrategy } from './schemas/errors.js';

interface ErrorCodeSpec {
  readonly status: number;
  readonly type: ErrorType;
  readonly retryStrategy: RetryStrategy;
  /** What the caller should do next; the provider may add specifics. */
  readonly message: string;
}

/** Every error code the provider may return, with its HTTP status and retry strategy. */
export const ErrorCodes = {
  malformed_json: {
    status: 400,
    type: 'invalid_request_error',
    retryStrategy: 'fix_request',
    message: 'The request body is not valid JSON. Send a UTF-8 JSON document.',
  },
  missing_idempotency_key: {
    status: 400,
    type: 'invalid_request_error',
    retryStrategy: 'fix_request',
    message: 'This write requires an Idempotency-Key header. Generate one per logical write and reuse it on retries.',
  },
  invalid_header: {
    status: 400,
    type: 'invalid_request_error',
    retryStrategy: 'fix_request',
    message: 'A request header has an invalid value. See details for the header and the expected format.',
  },
  invalid_grant_request: {
    status: 400,
    type: 'invalid_request_error',
    retryStrategy: 'fix_request',
    message: 'Send grant_type=client_credentials with client_id and client_secret, form-encoded.',
  },
  credential_missing: {
    status: 401,
    type: 'authentication_error',
    retryStrategy: 'fix_request',
    message: 'No credential was sent. Send "Authorization: Bearer <credential>".',
  },
  credential_invalid: {
    status: 401,
    type: 'authentication_error',
    retryStrategy: 'no_retry',
    message: 'The credential is not recognised. Check that the full credential was copied and has not been revoked.',
  },
  credential_expired: {
    status: 401,
    type: 'authentication_error',
    retryStrategy: 'fix_request',
    message: 'The access token has expired. Request a new token from POST /oauth/token.',
  },
  credential_wrong_environment: {
    status: 401,
    type: 'authentication_error',
    retryStrategy: 'no_retry',
    message:
      'The credential belongs to another environment. Use a dc_test_ key for sandbox and a dc_live_ key for production.',
  },
  credential_shape_not_accepted: {
    status: 401,
    type: 'authentication_error',
    retryStrategy: 'no_retry',
    message:
      'This environment does not accept this kind of credential. Check the capabilities route for the accepted shapes.',
  },
  credential_revoked: {
    status: 401,
    type: 'authentication_error',
    retryStrategy: 'no_retry',
    message:
      'This API key was revoked and its grace period has ended. Do not retry with it: switch to its replacement key.',
  },
  invalid_client: {
    status: 401,
    type: 'authentication_error',
    retryStrategy: 'no_retry',
    message: 'The OAuth client id or secret is wrong.',
  },
  insufficient_scope: {
    status: 403,
    type: 'permission_error',
    retryStrategy: 'no_retry',
    message: 'The credential lacks a scope this route requires. See details for the missing scope.',
  },
  partner_org_mismatch: {
    status: 403,
    type: 'permission_error',
    retryStrategy: 'no_retry',
    message: 'The credential belongs to a different partner organization.',
  },
  sandbox_only: {
    status: 403,
    type: 'permission_error',
    retryStrategy: 'no_retry',
    message: 'This route exists only in the sandbox environment.',
  },
  api_disabled: {
    status: 403,
    type: 'permission_error',
    retryStrategy: 'contact_support',
    message:
      'API access is disabled for this partner organization. Do not retry: contact partner support with the request id.',
  },
  route_not_found: {
    status: 404,
    type: 'not_found_error',
    retryStrategy: 'fix_request',
    message: 'No route matches this method and path. Check the OpenAPI document for the contract hash you pinned.',
  },
  resource_not_found: {
    status: 404,
    type: 'not_found_error',
    retryStrategy: 'no_retry',
    message: 'The resource does not exist or is not visible to this credential.',
  },
  method_not_allowed: {
    status: 405,
    type: 'invalid_request_error',
    retryStrategy: 'fix_request',
    message: 'The route exists but not with this method.',
  },
  client_already_exists: {
    status: 409,
    type: 'conflict_error',
    retryStrategy: 'no_retry',
    message: 'A client with this externalRef is already linked. Use resourceId to link to it.',
  },
  authority_not_granted: {
    status: 409,
    type: 'conflict_error',
    retryStrategy: 'no_retry',
    message:
      "The client's authority is not granted. Read GET /v1/clients/{clientId}/authority before submitting claims.",
  },
  api_key_limit_reached: {
    status: 409,
    type: 'conflict_error',
    retryStrategy: 'no_retry',
    message:
      'The partner organization holds the most API keys it may. Revoke a key it no longer uses, then create one.',
  },
  idempotency_key_reused: {
    status: 409,
    type: 'idempotency_error',
    retryStrategy: 'fix_request',
    message: 'This Idempotency-Key was already used with a different request. Use a new key for a new logical write.',
  },
  payload_too_large: {
    status: 413,
    type: 'invalid_request_error',
    retryStrategy: 'fix_request',
    message: 'The request body is larger than the provider accepts.',
  },
  unsupported_media_type: {
    status: 415,
    type: 'invalid_request_error',
    retryStrategy: 'fix_request',
    message: 'Send the body with the content type this route documents.',
  },
  validation_failed: {
    status: 422,
    type: 'invalid_request_error',
    retryStrategy: 'fix_request',
    message: 'The request is well-formed but some fields are invalid. See details.',
  },
  rate_limited: {
    status: 429,
    type: 'rate_limit_error',
    retryStrategy: 'backoff',
    message: 'Too many requests. Wait for the Retry-After interval before retrying.',
  },
  internal_error: {
    status: 500,
    type: 'api_error',
    retryStrategy: 'backoff',
    message:
      'The provider failed to handle the request. Retry with backoff; escalate with the request id if it persists.',
  },
  service_unavailable: {
    status: 503,
    type: 'api_error',
    retryStrategy: 'backoff',
    message: 'The provider is temporarily unavailable. Retry with backoff.',
  },
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof ErrorCodes;

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ErrorCodes, code);
