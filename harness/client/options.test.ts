import { describe, expect, it } from 'vitest';
import { isClientConfigurationError, isCredentialEnvironmentError } from './errors.js';
import { type ClientOptions, DEFAULT_CLIENT_OPTIONS, resolveClientOptions } from './options.js';

const thrown = (options: unknown): unknown => {
  try {
    resolveClientOptions(options as ClientOptions);
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('resolveClientOptions', () => {
  it('applies the documented defaults', () => {
    const resolved = resolveClientOptions({ baseUrl: 'http://127.0.0.1:1/' });
    expect(resolved.baseUrl).toBe('http://127.0.0.1:1');
    expect(resolved.timeouts).toEqual({ connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000, totalMs: 60_000 });
    expect(resolved.retry).toEqual({ maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 });
    expect(resolved.credential).toBeNull();
    expect(resolved.userAgent).toBe(DEFAULT_CLIENT_OPTIONS.userAgent);
    expect(resolved.correlationId()).toMatch(/^corr_[0-9a-f-]{36}$/);
    expect(resolved.idempotencyKey()).not.toBe(resolved.idempotencyKey());
  });

  it('merges partial groups over the defaults without touching the caller object', () => {
    const options = { baseUrl: 'https://api.example/prefix/', timeouts: { headersMs: 50 }, retry: { maxAttempts: 1 } };
    const copy = structuredClone(options);
    const resolved = resolveClientOptions(options);
    expect(resolved.baseUrl).toBe('https://api.example/prefix');
    expect(resolved.timeouts).toMatchObject({ headersMs: 50, totalMs: 60_000 });
    expect(resolved.retry).toMatchObject({ maxAttempts: 1, baseDelayMs: 200 });
    expect(options).toEqual(copy);
    expect(Object.isFrozen(resolved)).toBe(true);
  });

  it.each([
    ['baseUrl', { baseUrl: 'not a url' }],
    ['baseUrl', { baseUrl: 'ftp://example.com' }],
    ['baseUrl', { baseUrl: 'https://example.com/?x=1' }],
    ['retry.maxAttempts', { baseUrl: 'http://x', retry: { maxAttempts: 0 } }],
    ['retry.maxAttempts', { baseUrl: 'http://x', retry: { maxAttempts: 1.5 } }],
    ['timeouts.totalMs', { baseUrl: 'http://x', timeouts: { totalMs: Number.NaN } }],
    ['environment', { baseUrl: 'http://x', environment: 'staging' }],
    ['sleep', { baseUrl: 'http://x', sleep: 5 }],
  ])('refuses a bad %s', (option, options) => {
    const error = thrown(options);
    expect(isClientConfigurationError(error)).toBe(true);
    expect((error as { option: string }).option).toBe(option);
    expect((error as { code: string }).code).toBe('DC_ERR_CONFIG');
  });

  it('refuses a sandbox key for production at construction', () => {
    const error = thrown({ baseUrl: 'http://x', environment: 'production', credential: { apiKey: 'dc_test_abc' } });
    expect(isCredentialEnvironmentError(error)).toBe(true);
  });
});
