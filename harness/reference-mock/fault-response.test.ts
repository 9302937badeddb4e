import { describe, expect, it } from 'vitest';
import { errorCodeForStatus, FAULT_STATUSES, faultProblem, waitOutDelay } from './fault-response.js';

describe('fault responses', () => {
  it('maps faulted statuses to catalog codes, with Retry-After on 429 and 5xx gateway statuses', () => {
    expect(errorCodeForStatus(500)).toBe('internal_error');
    expect(errorCodeForStatus(504)).toBe('service_unavailable');
    expect(errorCodeForStatus(409)).toBe('client_already_exists');
    expect(faultProblem({ kind: 'status', status: 503, retryAfterSeconds: 9 }).headers).toEqual({ 'Retry-After': '9' });
    expect(faultProblem({ kind: 'status' })).toMatchObject({ status: 500, code: 'internal_error', headers: undefined });
    expect(faultProblem({ kind: 'rate_limit' })).toMatchObject({ status: 429, headers: { 'Retry-After': '1' } });
    expect(FAULT_STATUSES).toContain(502);
    expect(FAULT_STATUSES).not.toContain(200);
  });

  it('answers a retryable-looking status with the code and retry strategy the fault names', () => {
    const noRetry = faultProblem({ kind: 'status', status: 503, retryStrategy: 'no_retry', retryAfterSeconds: 0 });
    expect(noRetry).toMatchObject({ status: 503, code: 'service_unavailable', retryStrategy: 'no_retry' });
    expect(noRetry.headers).toEqual({ 'Retry-After': '0' });
    expect(faultProblem({ kind: 'rate_limit', retryStrategy: 'contact_support' })).toMatchObject({
      status: 429,
      code: 'rate_limited',
      retryStrategy: 'contact_support',
    });
    expect(faultProblem({ kind: 'status', errorCode: 'credential_invalid' })).toMatchObject({
      status: 401,
      code: 'credential_invalid',
      retryStrategy: 'no_retry',
      headers: undefined,
    });
    expect(faultProblem({ kind: 'status', errorCode: 'api_disabled' })).toMatchObject({
      status: 403,
      retryStrategy: 'contact_support',
    });
    expect(faultProblem({ kind: 'status', status: 500 }).retryStrategy).toBe('backoff');
  });

  it('wakes a delay early when the mock closes', async () => {
    const closing = new AbortController();
    // An hour: only the abort can end this wait before the test times out, so a delay that kept
    // waiting after the close fails the test however busy the machine is.
    const waiting = waitOutDelay({ kind: 'delay', delayMs: 60 * 60_000 }, closing.signal);
    closing.abort();
    expect(await waiting).toBe(false);
    expect(await waitOutDelay({ kind: 'delay', delayMs: 1 }, new AbortController().signal)).toBe(true);
  });
});
