import { describe, expect, it } from 'vitest';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { call, frozenClock } from './support/http.js';

describe('rate limiting', () => {
  it('allows `limit` requests per credential per window, then 429 with Retry-After until the window resets', async () => {
    await using mock = await startReferenceMock({ rateLimit: { limit: 3, windowMs: 10_000 }, clock: frozenClock() });
    const token = mock.personas.sandbox.apiKey;
    const path = `/v1/partner-organizations/${mock.personas.sandbox.partnerOrgId}`;
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await call(mock.url, 'GET', path, { token });
      expect(response.status).toBe(200);
      remaining.push(response.headers['x-ratelimit-remaining'] ?? '');
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await call(mock.url, 'GET', path, { token });
    expect([limited.status, limited.json.error.code, limited.json.error.retryStrategy]).toEqual([
      429,
      'rate_limited',
      'backoff',
    ]);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(Number(limited.headers['x-ratelimit-reset']) * 1000).toBeGreaterThan(Date.now() - 10_000);
    // Another credential has its own window.
    const other = await call(mock.url, 'GET', path, { token: mock.personas.sandbox.readOnlyApiKey });
    expect(other.status).toBe(200);
    await mock.control.advanceClock(retryAfter * 1000);
    const after = await call(mock.url, 'GET', path, { token });
    expect([after.status, after.headers['x-ratelimit-remaining']]).toEqual([200, '2']);
  });
});
