/** The rate-limit state a response reports. */
export interface RateLimitState {
  readonly limit: number;
  readonly remaining: number;
  /** Unix seconds at which the window resets. */
  readonly resetAt: number;
  /** True when this request went over the limit. */
  readonly limited: boolean;
  /** Whole seconds until the window resets, at least 1. */
  readonly retryAfterSeconds: number;
}

interface Window {
  start: number;
  count: number;
}

/** A fixed-window counter per key, on the mock clock. */
export interface RateLimiter {
  /** Counts one request for `key` at mock time `at` (default: now) and reports the state after it. */
  consume(key: string, at?: number): RateLimitState;
  clear(): void;
}

/** Creates a fixed-window rate limiter: at most `limit` requests per key per `windowMs` of mock time. */
export function createRateLimiter(limit: number, windowMs: number, now: () => number): RateLimiter {
  const windows = new Map<string, Window>();
  return {
    consume(key, at = now()) {
      const start = at - (at % windowMs);
      let window = windows.get(key);
      if (window === undefined) {
        window = { start, count: 0 };
        windows.set(key, window);
      } else if (window.start !== start) {
        window.start = start;
        window.count = 0;
      }
      window.count++;
      const end = start + windowMs;
      return {
        limit,
        remaining: Math.max(0, limit - window.count),
        resetAt: Math.ceil(end / 1000),
        limited: window.count > limit,
        retryAfterSeconds: Math.max(1, Math.ceil((end - at) / 1000)),
      };
    },
    clear() {
      windows.clear();
    },
  };
}
