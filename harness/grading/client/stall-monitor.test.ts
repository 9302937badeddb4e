import { describe, expect, it } from 'vitest';
import { STALL_TICK_MS, stalledMsBefore, watchStalls } from './stall-monitor.js';

describe('stalledMsBefore', () => {
  const stalls = [
    { endAt: 10_000, lateMs: 1_100 }, // the loop could not run from 8,900 to 10,000
    { endAt: 20_000, lateMs: 50 },
  ];

  it('counts the stall that ended as the request was stamped', () => {
    expect(stalledMsBefore(stalls, 10_000, 2_000)).toBe(1_100);
    // The timer that measured the stall may run just after the request's handler.
    expect(stalledMsBefore(stalls, 9_990, 2_000)).toBe(1_100);
  });

  it('counts only the part of a stall inside the window, and nothing far from it', () => {
    expect(stalledMsBefore(stalls, 10_000, 500)).toBe(500);
    expect(stalledMsBefore(stalls, 15_000, 2_000)).toBe(0);
    expect(stalledMsBefore([], 10_000, 2_000)).toBe(0);
  });

  it('adds up several stalls in the window', () => {
    expect(stalledMsBefore(stalls, 20_000, 12_000)).toBe(1_150);
  });
});

describe('watchStalls', () => {
  it('records a blocked event loop as one stall of about its length', async () => {
    let clock = 0;
    const monitor = watchStalls(() => clock);
    // Each tick of the real timer reads the fake clock: a normal tick, then one 500 ms late.
    clock += STALL_TICK_MS;
    await new Promise((resolve) => setTimeout(resolve, STALL_TICK_MS * 3));
    clock += STALL_TICK_MS + 500;
    await new Promise((resolve) => setTimeout(resolve, STALL_TICK_MS * 3));
    const stalls = monitor.stop();
    expect(stalls).toHaveLength(1);
    expect(stalls[0]).toEqual({ endAt: STALL_TICK_MS * 2 + 500, lateMs: 500 });
  });

  it('stops watching when disposed, so a grader that throws leaves no timer behind', async () => {
    let clock = 0;
    let stalls: readonly { endAt: number; lateMs: number }[] = [];
    {
      using monitor = watchStalls(() => clock);
      stalls = monitor.stalls;
    }
    // Had the timer survived, its next tick would record this jump as a 500 ms stall.
    clock += STALL_TICK_MS + 500;
    await new Promise((resolve) => setTimeout(resolve, STALL_TICK_MS * 3));
    expect(stalls).toEqual([]);
  });
});
