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
});
