import { describe, expect, it } from 'vitest';
import { colorEnabled, painter } from './color.js';

describe('colorEnabled', () => {
  it('colours a terminal and nothing else by default', () => {
    expect(colorEnabled({}, true)).toBe(true);
    expect(colorEnabled({}, false)).toBe(false);
    expect(colorEnabled({ TERM: 'dumb' }, true)).toBe(false);
  });

  it('honours NO_COLOR over everything, and FORCE_COLOR over the terminal check', () => {
    expect(colorEnabled({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' }, true)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: 'false' }, true)).toBe(false);
  });
});

describe('painter', () => {
  it('wraps text in ANSI styles only when enabled', () => {
    expect(painter(true)('READY', 'green', 'bold')).toBe('\x1b[1m\x1b[32mREADY\x1b[39m\x1b[22m');
    expect(painter(false)('READY', 'green', 'bold')).toBe('READY');
  });
});
