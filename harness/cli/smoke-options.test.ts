import { describe, expect, it } from 'vitest';
import { monitorOptionsFrom } from './smoke-options.js';
import { isUsageError } from './usage-error.js';

describe('monitorOptionsFrom', () => {
  it('turns flags into the watch options, hours into milliseconds, and leaves the rest to the defaults', () => {
    expect(monitorOptionsFrom({ 'p95-ms': '1500', 'window-hours': '2' }, {})).toEqual({
      p95BudgetMs: 1500,
      deliveryWindowMs: 7_200_000,
      trafficLive: false,
    });
    expect(monitorOptionsFrom({}, { DUTYCLAIMS_TRAFFIC_LIVE: '1' }).trafficLive).toBe(true);
  });

  it('refuses a budget that is not a positive number, saying what to write', () => {
    let caught: unknown;
    try {
      monitorOptionsFrom({ 'budget-ms': 'five minutes' }, {});
    } catch (error) {
      caught = error;
    }
    expect(isUsageError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/--budget-ms must be a positive number, got "five minutes"/);
  });
});
