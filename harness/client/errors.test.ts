import { describe, expect, it } from 'vitest';
import {
  ClientConfigurationError,
  DutyClaimsApiError,
  isClientConfigurationError,
  isDutyClaimsApiError,
  isDutyClaimsCallError,
  isNetworkError,
  isTimeoutError,
  NetworkError,
  TimeoutError,
} from './errors.js';
import type { CallMetadata } from './metadata.js';

const meta: CallMetadata = {
  operationId: 'createClaim',
  method: 'POST',
  route: '/v1/claims',
  url: 'http://127.0.0.1:1/v1/claims',
  status: 503,
  requestId: 'req_00000000000000000001',
  correlationId: 'corr_1',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  idempotencyKey: 'key-1',
  replayed: null,
  attempts: [
    {
      attempt: 1,
      delayMs: 0,
      durationMs: 1,
      status: 503,
      errorCode: 'service_unavailable',
      errorDetail: null,
      credentialPrefix: null,
      requestId: null,
    },
    {
      attempt: 2,
      delayMs: 5,
      durationMs: 1,
      status: 503,
      errorCode: 'service_unavailable',
      errorDetail: null,
      credentialPrefix: null,
      requestId: null,
    },
  ],
  durationMs: 7,
  rateLimit: null,
  contractHash: null,
  environment: null,
  startedAt: '2026-11-22T10:00:00.000Z',
  credentialPrefix: 'dc_test_abcd',
};

describe('client errors', () => {
  it('say where the call failed, how often it was tried, and carry its metadata', () => {
    const error = new DutyClaimsApiError({
      status: 503,
      code: 'service_unavailable',
      envelope: null,
      retryStrategy: 'backoff',
      retryAfterMs: 2000,
      meta,
      reason: null,
    });
    expect(error.message).toContain('POST /v1/claims');
    expect(error.message).toContain('corr_1');
    expect(error.message).toContain('after 2 attempts');
    expect(error.requestId).toBe('req_00000000000000000001');
    expect(error.meta).toBe(meta);
    expect(new TimeoutError('headers', 50, meta).message).toContain('timeouts.headersMs');
  });

  it('are recognised by name, not by class identity', () => {
    const foreign = Object.assign(new Error('x'), { name: 'NetworkError', code: 'DC_ERR_NETWORK' });
    expect(isNetworkError(foreign)).toBe(true);
    expect(isNetworkError(new NetworkError('ECONNRESET', meta))).toBe(true);
    expect(isDutyClaimsApiError(new NetworkError('ECONNRESET', meta))).toBe(false);
    expect(isClientConfigurationError(new ClientConfigurationError('baseUrl', 'x'))).toBe(true);
    expect(isDutyClaimsCallError(new ClientConfigurationError('baseUrl', 'x'))).toBe(false);
    expect(isDutyClaimsCallError(new TimeoutError('total', 1, meta))).toBe(true);
  });

  it('does not mistake a DOMException TimeoutError for the client timeout', () => {
    expect(isTimeoutError(new DOMException('signal timed out', 'TimeoutError'))).toBe(false);
    expect(isTimeoutError(new TimeoutError('connect', 10, meta))).toBe(true);
  });
});
