import { describe, expect, it } from 'vitest';
import { percentile, summarizeLatency } from './latency.js';

describe('summarizeLatency', () => {
  it('uses the nearest rank, so one slow call in twenty is the p95', () => {
    const durations = [...Array.from({ length: 19 }, () => 10), 5_000];
    expect(summarizeLatency(durations)).toEqual({ calls: 20, p50Ms: 10, p95Ms: 10, maxMs: 5_000 });
    expect(summarizeLatency([...durations, 5_000]).p95Ms).toBe(5_000);
  });

  it('says null, not 0, when there were no calls', () => {
    expect(summarizeLatency([])).toEqual({ calls: 0, p50Ms: null, p95Ms: null, maxMs: null });
    expect(percentile([], 50)).toBeNull();
  });
});
