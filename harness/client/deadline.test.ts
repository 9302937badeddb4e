import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CallDeadline } from './deadline.js';

describe('CallDeadline', () => {
  it('aborts with a reason once its time has passed, as undici expects of a signal', async () => {
    const deadline = new CallDeadline(20);
    expect(deadline.aborted).toBe(false);
    await once(deadline, 'abort');
    expect(deadline.aborted).toBe(true);
    expect(deadline.reason?.message).toContain('20 ms');
  });

  it('never fires after clear, and reports the time left', async () => {
    const deadline = new CallDeadline(10, 1_000);
    expect(deadline.remaining(1_004)).toBe(6);
    deadline.clear();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(deadline.aborted).toBe(false);
  });

  it('race settles with the work, or rejects with the reason once the deadline passes first', async () => {
    const deadline = new CallDeadline(30);
    expect(await deadline.race(Promise.resolve('token'))).toBe('token');
    await expect(deadline.race(Promise.reject(new Error('token endpoint down')))).rejects.toThrow(
      'token endpoint down',
    );
    const never = new Promise<string>(() => {});
    const timedOut = await deadline.race(never).catch((caught: unknown) => caught);
    expect(timedOut).toBe(deadline.reason);
    expect(deadline.aborted).toBe(true);
    await expect(deadline.race(Promise.resolve('late'))).rejects.toThrow('30 ms');
    expect(deadline.listenerCount('abort')).toBe(0);
  });
});
