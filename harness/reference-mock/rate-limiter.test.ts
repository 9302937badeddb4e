import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';

describe('fixed-window rate limiter', () => {
  it('counts per key, limits past the limit, and reports reset and Retry-After on the mock clock', () => {
    let now = 60_000 * 10 + 15_000; // 15 s into a window
    const limiter = createRateLimiter(2, 60_000, () => now);
    expect(limiter.consume('a')).toMatchObject({ limit: 2, remaining: 1, limited: false });
    expect(limiter.consume('a')).toMatchObject({ remaining: 0, limited: false });
    const third = limiter.consume('a');
    expect(third).toMatchObject({ remaining: 0, limited: true, retryAfterSeconds: 45, resetAt: 660 });
    expect(limiter.consume('b').limited).toBe(false);
    now += 45_000; // next window
    expect(limiter.consume('a')).toMatchObject({ remaining: 1, limited: false });
  });

  it('counts at the time it is given (the request’s arrival) instead of reading the clock', () => {
    const limiter = createRateLimiter(1, 60_000, () => {
      throw new Error('the clock was read');
    });
    expect(limiter.consume('a', 60_000 * 10 + 30_000)).toMatchObject({ remaining: 0, retryAfterSeconds: 30 });
    expect(limiter.consume('a', 60_000 * 11)).toMatchObject({ remaining: 0, limited: false, resetAt: 720 });
  });

  it('never reports Retry-After below one second', () => {
    const limiter = createRateLimiter(1, 1000, () => 999);
    limiter.consume('k');
    expect(limiter.consume('k').retryAfterSeconds).toBe(1);
  });
});
