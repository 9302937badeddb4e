import { describe, expect, it } from 'vitest';
import { isValidTraceparent, newTraceparent, traceIdOf } from './trace-context.js';

describe('traceparent', () => {
  it('generates a valid, sampled W3C traceparent with a fresh trace per call', () => {
    const first = newTraceparent(null);
    expect(isValidTraceparent(first)).toBe(true);
    expect(first).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(traceIdOf(first)).not.toBe(traceIdOf(newTraceparent(null)));
  });

  it('stays valid and fresh across many calls, through the refills of its random pool', () => {
    // 1,000 calls take 24 KB of random bytes: several refills of the 4 KiB pool.
    const many = Array.from({ length: 1_000 }, () => newTraceparent(null));
    expect(many.filter((value) => !isValidTraceparent(value))).toEqual([]);
    expect(new Set(many.map(traceIdOf)).size).toBe(1_000);
    expect(new Set(many.map((value) => value.slice(36, 52))).size).toBe(1_000);
  });

  it('propagates the active OpenTelemetry span when one is active', () => {
    const span = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 };
    const api = {
      context: { active: () => ({}) },
      trace: { getSpanContext: () => span },
      isSpanContextValid: () => true,
    };
    expect(newTraceparent(api)).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(isValidTraceparent(newTraceparent({ ...api, trace: { getSpanContext: () => undefined } }))).toBe(true);
  });

  it('refuses what a Trace Context receiver refuses', () => {
    for (const bad of [
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
      '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01',
      'trace-me',
      null,
    ])
      expect(isValidTraceparent(bad), String(bad)).toBe(false);
    expect(traceIdOf('trace-me')).toBeNull();
  });
});
