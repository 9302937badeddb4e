import { describe, expect, it } from 'vitest';
import { exposureLines } from './exposure-lines.js';

describe('exposureLines', () => {
  it('says nothing on loopback', () => {
    expect(
      exposureLines({ host: '127.0.0.1', controlToken: null }, 'http://127.0.0.1:1', 'http://127.0.0.1:1'),
    ).toEqual([]);
  });

  it('names the wildcard address, where to reach it, and warns, louder without a token', () => {
    const open = exposureLines({ host: '0.0.0.0', controlToken: null }, 'http://127.0.0.1:4010', 'http://0.0.0.0:4010');
    expect(open[0]).toBe('  from this machine:   http://127.0.0.1:4010');
    expect(open.join('\n')).toMatch(/WARNING: listening beyond loopback \(0\.0\.0\.0\)/);
    expect(open.join('\n')).toMatch(/control plane \(\/_mock\/\) has NO token/);
    const guarded = exposureLines({ host: '0.0.0.0', controlToken: 'x'.repeat(16) }, 'u', 'l');
    expect(guarded.join('\n')).toMatch(/requires the control token/);
  });
});
