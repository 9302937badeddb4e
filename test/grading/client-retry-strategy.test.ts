import { describe, expect, it } from 'vitest';
import { retryable } from '../../examples/partner-clients/src/http.js';

// The TypeScript reference client's retry decision: the envelope's retryStrategy first, the status
// only when the answer carries no envelope (the retry-by-status-only flaw ignores the envelope).
const envelope = (retryStrategy: string) => ({ error: { code: 'x', retryStrategy } });

describe('the reference client branches on error.retryStrategy', () => {
  it('retries a 429 or 5xx that says backoff, never one that says no_retry or contact_support', () => {
    expect(retryable(503, envelope('backoff'))).toBe(true);
    expect(retryable(429, envelope('backoff'))).toBe(true);
    for (const status of [429, 500, 503])
      for (const strategy of ['no_retry', 'contact_support'])
        expect(retryable(status, envelope(strategy)), `${status} ${strategy}`).toBe(false);
  });

  it('falls back on the status without an envelope, and the flaw always does', () => {
    expect([retryable(502, {}), retryable(404, {})]).toEqual([true, false]);
    expect(retryable(503, envelope('no_retry'), true)).toBe(true);
  });
});
