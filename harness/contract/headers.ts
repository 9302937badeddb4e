/** Header names of the DutyClaims contract, in their canonical spelling. */
export const Headers = {
  authorization: 'Authorization',
  idempotencyKey: 'Idempotency-Key',
  idempotentReplayed: 'Idempotent-Replayed',
  correlationId: 'X-Correlation-Id',
  requestId: 'X-Request-Id',
  rateLimitLimit: 'X-RateLimit-Limit',
  rateLimitRemaining: 'X-RateLimit-Remaining',
  rateLimitReset: 'X-RateLimit-Reset',
  retryAfter: 'Retry-After',
  contractHash: 'DutyClaims-Contract-Hash',
  environment: 'DutyClaims-Environment',
  signature: 'DutyClaims-Signature',
  eventId: 'DutyClaims-Event-Id',
  deliveryId: 'DutyClaims-Delivery-Id',
  /** W3C Trace Context; lower case as the W3C spells it. */
  traceparent: 'traceparent',
} as const;

export type HeaderName = (typeof Headers)[keyof typeof Headers];

/** Headers on every response, success or error, in the order the reference mock sends them. */
export const STANDARD_RESPONSE_HEADERS = [
  Headers.requestId,
  Headers.correlationId,
  Headers.rateLimitLimit,
  Headers.rateLimitRemaining,
  Headers.rateLimitReset,
  Headers.contractHash,
  Headers.environment,
] as const;
