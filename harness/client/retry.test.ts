import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../contract/error-codes.js';
import {
  backoffDelay,
  isRetryableAnswer,
  isRetryableStatus,
  isTransientNetworkCode,
  parseRetryAfter,
  planRetry,
} from './retry.js';

const options = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 };
const fixed = (value: number) => () => value;

describe('backoffDelay (full jitter)', () => {
  it('doubles the window per retry and scales it by the random draw', () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, options, fixed(0.5)))).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(3, options, fixed(0))).toBe(0);
    expect(backoffDelay(1, options, fixed(0.999))).toBe(199);
  });

  it('never exceeds maxDelayMs, however many retries', () => {
    expect(backoffDelay(30, options, fixed(0.999999))).toBeLessThan(10_000);
    expect(backoffDelay(30, options, fixed(0.5))).toBe(5_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');

  it('reads delay seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter(['2', '9'], now)).toBe(2_000);
  });

  it('reads an HTTP date relative to now, and a past date as 0', () => {
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:59:00 GMT', now)).toBe(0);
  });

  it('ignores an absent or unparseable value', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-1', now)).toBeNull();
    expect(parseRetryAfter('1.5', now)).toBeNull();
  });
});

describe('what is retryable', () => {
  it('retries 429 and 5xx only', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 422].some(isRetryableStatus)).toBe(false);
  });

  it('retries a 429 or 5xx only when its envelope says backoff, not no_retry or contact_support', () => {
    expect([429, 500, 503].every((status) => isRetryableAnswer(status, 'backoff'))).toBe(true);
    for (const strategy of ['no_retry', 'contact_support', 'fix_request'] as const)
      expect(
        [429, 500, 502, 503].some((status) => isRetryableAnswer(status, strategy)),
        strategy,
      ).toBe(false);
    expect(isRetryableAnswer(409, 'backoff')).toBe(false);
  });

  it('never retries a revoked key: 401 credential_revoked says no_retry, and a 401 is final whatever it says', () => {
    expect(ErrorCodes.credential_revoked).toMatchObject({ status: 401, retryStrategy: 'no_retry' });
    for (const strategy of ['no_retry', 'backoff', 'fix_request', 'contact_support'] as const)
      expect(isRetryableAnswer(401, strategy), strategy).toBe(false);
  });

  it('retries dropped, reset and refused connections, not unknown failures', () => {
    expect(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET'].every(isTransientNetworkCode)).toBe(true);
    expect(isTransientNetworkCode('UND_ERR_INVALID_ARG')).toBe(false);
    expect(isTransientNetworkCode('ENOTFOUND')).toBe(false);
    expect(isTransientNetworkCode(null)).toBe(false);
  });
});

describe('planRetry', () => {
  const base = { retryAfterMs: null, remainingMs: 60_000, options, random: fixed(0.5) };

  it('stops after maxAttempts', () => {
    expect(planRetry({ ...base, attempt: 3 })).toEqual({ retry: true, delayMs: 400 });
    expect(planRetry({ ...base, attempt: 4 })).toEqual({ retry: false, reason: 'attempts_exhausted' });
  });

  it('waits at least Retry-After, and the backoff when that is longer', () => {
    expect(planRetry({ ...base, attempt: 1, retryAfterMs: 2_000 })).toEqual({ retry: true, delayMs: 2_000 });
    expect(planRetry({ ...base, attempt: 3, retryAfterMs: 0 })).toEqual({ retry: true, delayMs: 400 });
  });

  it('gives up rather than retry early when Retry-After exceeds the cap', () => {
    expect(planRetry({ ...base, attempt: 1, retryAfterMs: 60_001 })).toEqual({
      retry: false,
      reason: 'retry_after_too_long',
    });
  });

  it('gives up when the wait would pass the call deadline', () => {
    expect(planRetry({ ...base, attempt: 1, retryAfterMs: 5_000, remainingMs: 4_000 })).toEqual({
      retry: false,
      reason: 'deadline',
    });
  });
});
