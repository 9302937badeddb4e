import type { HttpMethod } from '../contract/route-definition.js';
import type { DutyClaimsCallError } from './errors.js';

/** The rate-limit window the provider reported on the final response. */
export interface RateLimit {
  readonly limit: number;
  readonly remaining: number;
  /** When the window resets (RFC 3339, from `X-RateLimit-Reset` unix seconds). */
  readonly resetAt: string;
}

/** One HTTP attempt of a logical call. */
export interface AttemptRecord {
  /** 1-based. */
  readonly attempt: number;
  /** How long the client waited before sending this attempt (0 for the first). */
  readonly delayMs: number;
  /** From sending the request to having read the whole response (or failing). */
  readonly durationMs: number;
  /** The HTTP status, or null when no response arrived. */
  readonly status: number | null;
  /** The error code of a failed attempt (envelope code, `DC_ERR_TIMEOUT`, `DC_ERR_NETWORK`, ...), else null. */
  readonly errorCode: string | null;
  /** More about a transport failure: the timeout phase or the socket error code (`ECONNRESET`). */
  readonly errorDetail: string | null;
  readonly requestId: string | null;
  /** The first characters of the credential this attempt sent (a key provider may switch keys between attempts). */
  readonly credentialPrefix: string | null;
}

/** What a logical call did: the evidence the gate suites record. Never contains a full credential. */
export interface CallMetadata {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The route template, e.g. `/v1/claims/{claimId}/status`. */
  readonly route: string;
  readonly url: string;
  /** The final attempt's HTTP status, or null when it got no response. */
  readonly status: number | null;
  /** `X-Request-Id` of the final attempt's response. */
  readonly requestId: string | null;
  /** The `X-Correlation-Id` sent on every attempt of this call. */
  readonly correlationId: string;
  /** The W3C `traceparent` this call sent (the active OpenTelemetry span's, or generated). */
  readonly traceparent: string;
  /** The `Idempotency-Key` sent on every attempt, or null for routes that take none. */
  readonly idempotencyKey: string | null;
  /** `Idempotent-Replayed` of the final response; null when absent. */
  readonly replayed: boolean | null;
  /** The HTTP attempts of this call; empty when it failed before sending one (its OAuth token request failed). */
  readonly attempts: readonly AttemptRecord[];
  /** Wall time of the whole call, backoff waits and any OAuth token request it waited for included. */
  readonly durationMs: number;
  readonly rateLimit: RateLimit | null;
  /** `DutyClaims-Contract-Hash` of the final response. */
  readonly contractHash: string | null;
  /** `DutyClaims-Environment` of the final response. */
  readonly environment: string | null;
  /** RFC 3339 time the call started. */
  readonly startedAt: string;
  /** The first characters of the credential the final attempt sent (never the whole secret); null when none was sent. */
  readonly credentialPrefix: string | null;
}

/** What every successful call resolves to. */
export interface CallResult<T> {
  readonly data: T;
  readonly meta: CallMetadata;
}

/** What the `onCall` hook receives, once per logical call. */
export type CallRecord =
  | { readonly ok: true; readonly meta: CallMetadata; readonly error: null }
  | { readonly ok: false; readonly meta: CallMetadata; readonly error: DutyClaimsCallError };

/**
 * One response exactly as it arrived, before any parsing: what `onResponse` receives. Its headers and
 * body can hold secrets (an endpoint's signing secret, an access token): audit it, never log it.
 */
export interface RawResponse {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The route template, e.g. `/v1/webhooks/endpoints/{endpointId}`. */
  readonly route: string;
  /** 1-based attempt of the logical call this response answered. */
  readonly attempt: number;
  readonly status: number;
  /** `X-Request-Id` of this response. */
  readonly requestId: string | null;
  /** The `X-Correlation-Id` this attempt sent. */
  readonly correlationId: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: string;
}
