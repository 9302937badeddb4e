import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { parseProcessedEvents, readProcessedEvents } from './processed-hook.js';

describe('parseProcessedEvents', () => {
  it('reads a JSON array, {processed}, {eventId} objects and plain lines, keeping repeats', () => {
    expect(parseProcessedEvents('["evt_a","evt_a","evt_b"]')).toEqual(['evt_a', 'evt_a', 'evt_b']);
    expect(parseProcessedEvents('{"processed":[{"eventId":"evt_a"},"evt_b"]}')).toEqual(['evt_a', 'evt_b']);
    expect(parseProcessedEvents('evt_a\r\nevt_b\n\n')).toEqual(['evt_a', 'evt_b']);
    expect(parseProcessedEvents('  ')).toEqual([]);
  });

  it('refuses output it cannot attribute', () => {
    expect(parseProcessedEvents('{"events":["evt_a"]}')).toBeNull();
    expect(parseProcessedEvents('[1,2]')).toBeNull();
    expect(parseProcessedEvents('processed evt_a and evt_b')).toBeNull();
    expect(parseProcessedEvents('{not json')).toBeNull();
  });
});

describe('readProcessedEvents (command)', () => {
  it('runs the command and reports a failing one as a problem, not an exception', async () => {
    const agent = new Agent();
    const good = await readProcessedEvents({ kind: 'command', command: 'printf "evt_a\\nevt_a\\n"' }, agent);
    expect(good).toEqual({ ok: true, source: 'command `printf "evt_a\\nevt_a\\n"`', eventIds: ['evt_a', 'evt_a'] });
    const bad = await readProcessedEvents({ kind: 'command', command: 'exit 3' }, agent);
    expect(bad).toMatchObject({ ok: false, problem: expect.stringContaining('could not be read') });
    await agent.close();
  });
});
