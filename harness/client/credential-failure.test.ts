import { describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../contract/schemas/errors.js';
import { credentialFailure, credentialTimeout } from './credential-failure.js';
import {
  DutyClaimsApiError,
  isDutyClaimsApiError,
  isNetworkError,
  isSchemaValidationError,
  isTimeoutError,
  NetworkError,
  SchemaValidationError,
  TimeoutError,
} from './errors.js';
import type { CallMetadata } from './metadata.js';

const baseMeta: CallMetadata = {
  operationId: 'createOAuthToken',
  method: 'POST',
  route: '/oauth/token',
  url: 'http://127.0.0.1:1/oauth/token',
  status: 401,
  requestId: 'req_token',
  correlationId: 'corr_token',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  idempotencyKey: null,
  replayed: null,
  attempts: [],
  durationMs: 3,
  rateLimit: null,
  contractHash: null,
  environment: null,
  startedAt: '2026-01-01T00:00:00.000Z',
  credentialPrefix: null,
};
const outer: CallMetadata = {
  ...baseMeta,
  operationId: 'createClaim',
  route: '/v1/claims',
  url: 'http://127.0.0.1:1/v1/claims',
  status: null,
  requestId: null,
  correlationId: 'corr_outer',
  idempotencyKey: 'idem-1',
};

describe('credentialFailure', () => {
  it('keeps an API error class, code and envelope, with the outer call in meta and the token error as cause', () => {
    const envelope: ErrorEnvelope = {
      error: {
        type: 'authentication_error',
        code: 'invalid_client',
        message: 'Client authentication failed.',
        requestId: 'req_token',
        correlationId: 'corr_token',
        retryStrategy: 'fix_request',
      },
    };
    const token = new DutyClaimsApiError({
      status: 401,
      code: 'invalid_client',
      envelope,
      retryStrategy: 'fix_request',
      retryAfterMs: null,
      meta: baseMeta,
      reason: null,
    });
    const error = credentialFailure(token, outer);
    expect(isDutyClaimsApiError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_client', status: 401, envelope, requestId: 'req_token' });
    expect(error.meta).toBe(outer);
    expect(error.cause).toBe(token);
    expect(error.message).toMatch(/^POST \/v1\/claims \(correlation corr_outer\) could not get an OAuth access token/);
    expect(error.message).toContain('no request of its own was sent');
    expect(error.message).toContain('POST /oauth/token (correlation corr_token, request req_token) failed with 401');
    expect(error.stack?.split('\n')[0]).toContain('could not get an OAuth access token');
  });

  it('keeps the class and fields of schema, timeout and network failures', () => {
    const issues = [{ code: 'invalid_type', path: ['access_token'], message: 'Required' }];
    const schema = credentialFailure(new SchemaValidationError(issues, baseMeta), outer);
    const timeout = credentialFailure(new TimeoutError('headers', 150, baseMeta), outer);
    const network = credentialFailure(new NetworkError('ECONNREFUSED', baseMeta), outer);
    expect(isSchemaValidationError(schema) && schema.issues).toEqual(issues);
    expect(isTimeoutError(timeout) && [timeout.phase, timeout.timeoutMs]).toEqual(['headers', 150]);
    expect(isNetworkError(network) && network.causeCode).toBe('ECONNREFUSED');
    for (const error of [schema, timeout, network]) expect(error.meta.operationId).toBe('createClaim');
  });

  it('says how many attempts the call had made itself', () => {
    const attempted = { ...outer, attempts: [{ ...attemptStub }] };
    expect(credentialFailure(new NetworkError(null, baseMeta), attempted).message).toContain(
      'after 1 attempt(s) of its own',
    );
  });
});

const attemptStub = {
  attempt: 1,
  delayMs: 0,
  durationMs: 2,
  status: 401,
  errorCode: 'credential_expired',
  errorDetail: null,
  credentialPrefix: null,
  requestId: 'req_1',
};

describe('credentialTimeout', () => {
  it('is a total-phase TimeoutError of the waiting call that says what it waited for', () => {
    const reason = new Error('The call deadline of 600 ms passed.');
    const error = credentialTimeout(600, outer, reason);
    expect(error).toMatchObject({ name: 'TimeoutError', code: 'DC_ERR_TIMEOUT', phase: 'total', timeoutMs: 600 });
    expect(error.meta).toBe(outer);
    expect(error.cause).toBe(reason);
    expect(error.message).toContain('waiting for an OAuth access token');
  });
});
