import { Headers } from '../contract/headers.js';
import type { RateLimit } from './metadata.js';

/** Lower-case names, as undici reports response headers and as the client sends them. */
export const wire = {
  authorization: Headers.authorization.toLowerCase(),
  correlationId: Headers.correlationId.toLowerCase(),
  idempotencyKey: Headers.idempotencyKey.toLowerCase(),
  idempotentReplayed: Headers.idempotentReplayed.toLowerCase(),
  requestId: Headers.requestId.toLowerCase(),
  rateLimitLimit: Headers.rateLimitLimit.toLowerCase(),
  rateLimitRemaining: Headers.rateLimitRemaining.toLowerCase(),
  rateLimitReset: Headers.rateLimitReset.toLowerCase(),
  retryAfter: Headers.retryAfter.toLowerCase(),
  contractHash: Headers.contractHash.toLowerCase(),
  environment: Headers.environment.toLowerCase(),
  traceparent: 'traceparent',
} as const;

export type RequestHeaders = Record<string, string>;

/** Response headers as undici reports them. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

const VISIBLE_ASCII = /^[\x21-\x7e]{1,255}$/;

/** True for a value the contract accepts as `Idempotency-Key` (1-255 visible ASCII characters). */
export const isValidIdempotencyKey = (value: unknown): value is string =>
  typeof value === 'string' && VISIBLE_ASCII.test(value);

/** True for a correlation id that can travel in a header unchanged (1-255 visible ASCII characters). */
export const isValidCorrelationId = isValidIdempotencyKey;

/** The headers every request of one client shares; built once, copied per request. */
export function buildBaseHeaders(userAgent: string, authorization: string | null): RequestHeaders {
  const headers: RequestHeaders = { accept: 'application/json', 'user-agent': userAgent };
  if (authorization !== null) headers[wire.authorization] = authorization;
  return headers;
}

/** The headers of one attempt: the shared ones plus this call's ids and body type. */
export function buildRequestHeaders(
  base: RequestHeaders,
  call: {
    readonly correlationId: string;
    /** W3C Trace Context of the logical call; every attempt carries the same one. */
    readonly traceparent?: string | null;
    readonly idempotencyKey: string | null;
    readonly contentType: string | null;
    /** Set when the authorization varies per call (OAuth access tokens). */
    readonly authorization?: string | null;
  },
): RequestHeaders {
  const headers: RequestHeaders = { ...base, [wire.correlationId]: call.correlationId };
  if (call.traceparent) headers[wire.traceparent] = call.traceparent;
  if (call.idempotencyKey !== null) headers[wire.idempotencyKey] = call.idempotencyKey;
  if (call.contentType !== null) headers['content-type'] = call.contentType;
  if (call.authorization) headers[wire.authorization] = call.authorization;
  return headers;
}

const first = (value: string | string[] | undefined): string | null =>
  (Array.isArray(value) ? value[0] : value)?.trim() || null;

const NON_NEGATIVE_INTEGER = /^\d+$/;

/** `X-RateLimit-*` as a value, or null unless all three headers are present and numeric. */
export function readRateLimit(headers: ResponseHeaders): RateLimit | null {
  const limit = first(headers[wire.rateLimitLimit]);
  const remaining = first(headers[wire.rateLimitRemaining]);
  const reset = first(headers[wire.rateLimitReset]);
  if (limit === null || remaining === null || reset === null) return null;
  if (![limit, remaining, reset].every((value) => NON_NEGATIVE_INTEGER.test(value))) return null;
  return { limit: Number(limit), remaining: Number(remaining), resetAt: new Date(Number(reset) * 1000).toISOString() };
}

/** The metadata a response's headers carry. */
export interface ResponseFacts {
  readonly requestId: string | null;
  readonly contractHash: string | null;
  readonly environment: string | null;
  readonly replayed: boolean | null;
  readonly rateLimit: RateLimit | null;
}

/** Reads request id, contract hash, environment, replay flag and rate limit from response headers. */
export function readResponseFacts(headers: ResponseHeaders): ResponseFacts {
  const replayed = first(headers[wire.idempotentReplayed])?.toLowerCase();
  return {
    requestId: first(headers[wire.requestId]),
    contractHash: first(headers[wire.contractHash]),
    environment: first(headers[wire.environment]),
    replayed: replayed === 'true' ? true : replayed === 'false' ? false : null,
    rateLimit: readRateLimit(headers),
  };
}
