import { describe, expect, it } from 'vitest';
import {
  buildBaseHeaders,
  buildRequestHeaders,
  isValidIdempotencyKey,
  readRateLimit,
  readResponseFacts,
} from './headers.js';

describe('request headers', () => {
  it('adds the call ids and body type to the shared headers without changing them', () => {
    const base = buildBaseHeaders('ua/1', 'Bearer dc_test_abc');
    const snapshot = { ...base };
    const headers = buildRequestHeaders(base, {
      correlationId: 'corr_1',
      idempotencyKey: 'key-1',
      contentType: 'application/json',
    });
    expect(headers).toEqual({
      accept: 'application/json',
      'user-agent': 'ua/1',
      authorization: 'Bearer dc_test_abc',
      'x-correlation-id': 'corr_1',
      'idempotency-key': 'key-1',
      'content-type': 'application/json',
    });
    expect(base).toEqual(snapshot);
  });

  it('sends no Authorization, Idempotency-Key or Content-Type when there is none', () => {
    const headers = buildRequestHeaders(buildBaseHeaders('ua/1', null), {
      correlationId: 'corr_1',
      idempotencyKey: null,
      contentType: null,
    });
    expect(Object.keys(headers).sort()).toEqual(['accept', 'user-agent', 'x-correlation-id']);
  });

  it('accepts Idempotency-Keys of 1-255 visible ASCII characters only', () => {
    expect(isValidIdempotencyKey('a')).toBe(true);
    expect(isValidIdempotencyKey('k'.repeat(255))).toBe(true);
    expect(isValidIdempotencyKey('k'.repeat(256))).toBe(false);
    expect(isValidIdempotencyKey('')).toBe(false);
    expect(isValidIdempotencyKey('has space')).toBe(false);
    expect(isValidIdempotencyKey('line\nbreak')).toBe(false);
    expect(isValidIdempotencyKey('clé')).toBe(false);
  });
});

describe('response headers', () => {
  it('reads the rate limit window with an RFC 3339 reset time', () => {
    expect(
      readRateLimit({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': '1795000000' }),
    ).toEqual({ limit: 100, remaining: 7, resetAt: '2026-11-18T11:06:40.000Z' });
  });

  it('reports no rate limit when a header is missing or not a number', () => {
    expect(readRateLimit({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '7' })).toBeNull();
    expect(
      readRateLimit({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': 'many', 'x-ratelimit-reset': '1' }),
    ).toBeNull();
  });

  it('reads request id, contract hash, environment and the replay flag', () => {
    expect(
      readResponseFacts({
        'x-request-id': 'req_abc',
        'dutyclaims-contract-hash': '4d430a74e95b56a1',
        'dutyclaims-environment': 'sandbox',
        'idempotent-replayed': 'true',
      }),
    ).toEqual({
      requestId: 'req_abc',
      contractHash: '4d430a74e95b56a1',
      environment: 'sandbox',
      replayed: true,
      rateLimit: null,
    });
    expect(readResponseFacts({ 'idempotent-replayed': 'false' }).replayed).toBe(false);
    expect(readResponseFacts({}).replayed).toBeNull();
  });
});
