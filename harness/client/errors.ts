import type { ErrorEnvelope, RetryStrategy } from '../contract/schemas/errors.js';
import type { CallMetadata } from './metadata.js';

/** The code of a response that failed but carried no DutyClaims error envelope. */
export const UNEXPECTED_RESPONSE_CODE = 'DC_ERR_UNEXPECTED_RESPONSE';

/** The phase of a request whose time ran out. `total` is the deadline of the whole logical call. */
export type TimeoutPhase = 'connect' | 'headers' | 'body' | 'total';

/** One issue of a response that did not match its route's schema (zod's issue, trimmed to what is stable). */
export interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** `METHOD /route (correlation …, request …)`: how every call error names its call. */
export const describeCall = (meta: CallMetadata): string =>
  `${meta.method} ${meta.route} (correlation ${meta.correlationId}${meta.requestId ? `, request ${meta.requestId}` : ''})`;

/** The provider answered with a non-2xx status. `code` is the envelope's `error.code`. */
export class DutyClaimsApiError extends Error {
  override readonly name = 'DutyClaimsApiError' as const;
  /** The envelope's error code, or `DC_ERR_UNEXPECTED_RESPONSE` when the body had no envelope. */
  readonly code: string;
  readonly status: number;
  /** The parsed error envelope; null when the body was not a DutyClaims error envelope. */
  readonly envelope: ErrorEnvelope | null;
  readonly retryStrategy: RetryStrategy;
  readonly requestId: string | null;
  readonly correlationId: string;
  /** The `Retry-After` the provider asked for, in ms, when it sent one. */
  readonly retryAfterMs: number | null;
  readonly meta: CallMetadata;

  constructor(
    input: {
      status: number;
      code: string;
      envelope: ErrorEnvelope | null;
      retryStrategy: RetryStrategy;
      retryAfterMs: number | null;
      meta: CallMetadata;
      /** Why there is no envelope, when there is none. */
      reason: string | null;
    },
    options?: ErrorOptions,
  ) {
    const detail =
      input.envelope?.error.message ??
      input.reason ??
      'the response carried no DutyClaims error envelope. Check that baseUrl points at the DutyClaims API.';
    super(
      `${describeCall(input.meta)} failed with ${input.status} ${input.code}: ${detail}` +
        (input.meta.attempts.length > 1 ? ` after ${input.meta.attempts.length} attempts.` : ''),
      options,
    );
    this.status = input.status;
    this.code = input.code;
    this.envelope = input.envelope;
    this.retryStrategy = input.retryStrategy;
    this.requestId = input.envelope?.error.requestId ?? input.meta.requestId;
    this.correlationId = input.envelope?.error.correlationId ?? input.meta.correlationId;
    this.retryAfterMs = input.retryAfterMs;
    this.meta = input.meta;
  }
}

/** A 2xx response whose body did not match the route's schema. Kept apart from transport failures. */
export class SchemaValidationError extends Error {
  override readonly name = 'SchemaValidationError' as const;
  readonly code = 'DC_ERR_SCHEMA' as const;
  readonly issues: readonly SchemaIssue[];
  readonly meta: CallMetadata;

  constructor(issues: readonly SchemaIssue[], meta: CallMetadata, options?: ErrorOptions) {
    const first = issues[0];
    const summary = first ? `${first.path.map(String).join('.') || '(root)'}: ${first.message}` : 'no issues reported';
    super(
      `${describeCall(meta)} answered ${meta.status} with a body that breaks the contract (${issues.length} issue(s); ${summary}). ` +
        `Compare meta.contractHash with the hash this harness pins.`,
      options,
    );
    this.issues = issues;
    this.meta = meta;
  }
}

/** A request ran out of time in one of its phases. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError' as const;
  readonly code = 'DC_ERR_TIMEOUT' as const;
  readonly phase: TimeoutPhase;
  readonly timeoutMs: number;
  readonly meta: CallMetadata;

  constructor(phase: TimeoutPhase, timeoutMs: number, meta: CallMetadata, options?: ErrorOptions) {
    super(
      `${describeCall(meta)} timed out in the ${phase} phase after ${timeoutMs} ms` +
        ` (${meta.attempts.length} attempt(s)). Check that the API is reachable, or raise timeouts.${phase}Ms.`,
      options,
    );
    this.phase = phase;
    this.timeoutMs = timeoutMs;
    this.meta = meta;
  }
}

/** The connection failed: refused, reset, or dropped before a full response arrived. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError' as const;
  readonly code = 'DC_ERR_NETWORK' as const;
  /** The underlying error code, e.g. `ECONNREFUSED`, `ECONNRESET`, `UND_ERR_SOCKET`. */
  readonly causeCode: string | null;
  readonly meta: CallMetadata;

  constructor(causeCode: string | null, meta: CallMetadata, options?: ErrorOptions) {
    super(
      `${describeCall(meta)} failed at the network level (${causeCode ?? 'unknown'}) after ${meta.attempts.length} attempt(s). ` +
        'Check baseUrl and that the API is reachable from this host.',
      options,
    );
    this.causeCode = causeCode;
    this.meta = meta;
  }
}

/** The client was given options it cannot work with. Thrown before any request is sent. */
export class ClientConfigurationError extends Error {
  override readonly name = 'ClientConfigurationError' as const;
  readonly code = 'DC_ERR_CONFIG' as const;
  /** The option at fault, e.g. `baseUrl` or `retry.maxAttempts`. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(message);
    this.option = option;
  }
}

/** The credential's shape does not belong to the environment the client was told it targets. */
export class CredentialEnvironmentError extends Error {
  override readonly name = 'CredentialEnvironmentError' as const;
  readonly code = 'DC_ERR_CREDENTIAL_ENVIRONMENT' as const;
  readonly environment: 'sandbox' | 'production';
  /** The first characters of the credential (never the whole secret). */
  readonly credentialPrefix: string;

  constructor(environment: 'sandbox' | 'production', credentialPrefix: string, message: string) {
    super(message);
    this.environment = environment;
    this.credentialPrefix = credentialPrefix;
  }
}

/** Any error a call can reject with after it started; each carries the call's metadata. */
export type DutyClaimsCallError = DutyClaimsApiError | SchemaValidationError | TimeoutError | NetworkError;

const hasName =
  <E>(name: string) =>
  (error: unknown): error is E =>
    error instanceof Error && error.name === name;

/** True for a DutyClaimsApiError from any copy of this module. */
export const isDutyClaimsApiError = hasName<DutyClaimsApiError>('DutyClaimsApiError');
/** True for a SchemaValidationError from any copy of this module. */
export const isSchemaValidationError = hasName<SchemaValidationError>('SchemaValidationError');
/** True for a TimeoutError from any copy of this module (the code check tells it from a DOMException TimeoutError). */
export const isTimeoutError = (error: unknown): error is TimeoutError =>
  hasName<TimeoutError>('TimeoutError')(error) && (error as { code?: unknown }).code === 'DC_ERR_TIMEOUT';
/** True for a NetworkError from any copy of this module. */
export const isNetworkError = hasName<NetworkError>('NetworkError');
/** True for a ClientConfigurationError from any copy of this module. */
export const isClientConfigurationError = hasName<ClientConfigurationError>('ClientConfigurationError');
/** True for a CredentialEnvironmentError from any copy of this module. */
export const isCredentialEnvironmentError = hasName<CredentialEnvironmentError>('CredentialEnvironmentError');

/** True for any error a started call rejects with (all of them carry `meta`). */
export const isDutyClaimsCallError = (error: unknown): error is DutyClaimsCallError =>
  isDutyClaimsApiError(error) || isSchemaValidationError(error) || isTimeoutError(error) || isNetworkError(error);
