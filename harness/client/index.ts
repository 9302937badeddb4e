export type { CallOptions, DutyClaimsClient, WebhookDeliveriesQuery, WriteCallOptions } from './client.js';
export { createDutyClaimsClient } from './client.js';
export type { Credential, CredentialKind, OAuthClientCredentials } from './credentials.js';
export { CREDENTIAL_PREFIX_LENGTH, credentialKind, credentialPrefix } from './credentials.js';
export type { DutyClaimsCallError, SchemaIssue, TimeoutPhase } from './errors.js';
export {
  ClientConfigurationError,
  CredentialEnvironmentError,
  DutyClaimsApiError,
  isClientConfigurationError,
  isCredentialEnvironmentError,
  isDutyClaimsApiError,
  isDutyClaimsCallError,
  isNetworkError,
  isSchemaValidationError,
  isTimeoutError,
  NetworkError,
  SchemaValidationError,
  TimeoutError,
  UNEXPECTED_RESPONSE_CODE,
} from './errors.js';
export type { ApiKeyProvider } from './key-provider.js';
export type { AttemptRecord, CallMetadata, CallRecord, CallResult, RateLimit, RawResponse } from './metadata.js';
export type { ClientOptions, ResolvedClientOptions, TimeoutOptions } from './options.js';
export { DEFAULT_CLIENT_OPTIONS, resolveClientOptions } from './options.js';
export type { RetryOptions } from './retry.js';
export { backoffDelay, parseRetryAfter } from './retry.js';
