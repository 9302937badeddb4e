import { describe, expect, it } from 'vitest';
import { createMockClock } from './clock.js';
import { createScheduler } from './scheduler.js';

const manual = () => {
  let now = 1_000;
  const clock = createMockClock(() => now);
  return { clock, scheduler: createScheduler(clock.now, 'manual'), tick: (ms: number) => (now += ms) };
};

describe('scheduler', () => {
  it('runs nothing before it is due, then everything due in time order (ties in scheduling order)', () => {
    const { clock, scheduler } = manual();
    const ran: string[] = [];
    scheduler.schedule(1_060, () => ran.push('c'));
    scheduler.schedule(1_020, () => ran.push('a'));
    scheduler.schedule(1_020, () => ran.push('a2'));
    scheduler.schedule(1_040, () => ran.push('b'));
    scheduler.runDue();
    expect(ran).toEqual([]);
    clock.advance(45);
    scheduler.runDue();
    expect(ran).toEqual(['a', 'a2', 'b']);
    clock.advance(100);
    scheduler.runDue();
    expect(ran).toEqual(['a', 'a2', 'b', 'c']);
    expect(scheduler.pending).toBe(0);
  });

  it('returns the async results of the work it ran, so a clock driver can wait for them', async () => {
    const { clock, scheduler } = manual();
    let finished = false;
    scheduler.schedule(1_010, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      finished = true;
    });
    clock.advance(10);
    const results = scheduler.runDue();
    expect(results).toHaveLength(1);
    await Promise.all(results);
    expect(finished).toBe(true);
  });

  it('skips cancelled work and survives work that throws', () => {
    const { clock, scheduler } = manual();
    const ran: string[] = [];
    const cancel = scheduler.schedule(1_001, () => ran.push('cancelled'));
    scheduler.schedule(1_001, () => {
      throw new Error('boom');
    });
    scheduler.schedule(1_002, () => ran.push('after'));
    cancel();
    clock.advance(5);
    scheduler.runDue();
    expect(ran).toEqual(['after']);
  });

  it('moves on its own with real timers', async () => {
    const clock = createMockClock(Date.now);
    const scheduler = createScheduler(clock.now, 'real');
    // Nothing calls runDue: only the scheduler's own timer can run the work, and never before it is due.
    // (Compared with the due time itself: a busy machine may pass time between scheduling and any later reading.)
    const due = clock.now() + 15;
    const fired = new Promise<number>((resolve) => scheduler.schedule(due, () => resolve(clock.now())));
    expect(await fired).toBeGreaterThanOrEqual(due);
    scheduler.clear();
  });

  it('clear() drops everything pending', () => {
    const { clock, scheduler } = manual();
    const ran: string[] = [];
    scheduler.schedule(1_001, () => ran.push('x'));
    scheduler.clear();
    clock.advance(5);
    scheduler.runDue();
    expect(ran).toEqual([]);
  });
});

describe('mock clock', () => {
  it('adds advances to its source and refuses to go backwards', () => {
    const clock = createMockClock(() => 0);
    clock.advance(1500);
    expect(clock.now()).toBe(1500);
    expect(clock.iso()).toBe('1970-01-01T00:00:01.500Z');
    expect(() => clock.advance(-1)).toThrow(RangeError);
    clock.resetOffset();
    expect(clock.now()).toBe(0);
  });
});
