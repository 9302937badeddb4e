import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth } from './json-depth.js';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('exceedsJsonDepth', () => {
  it('counts nested arrays and objects, the top level included', () => {
    expect(exceedsJsonDepth('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(exceedsJsonDepth('{"a":{"b":[1]}}', 2)).toBe(true);
    expect(exceedsJsonDepth('[[],[],{}]', 2)).toBe(false);
    expect(exceedsJsonDepth('"x"', 0)).toBe(false);
    expect(exceedsJsonDepth(nested(64), 64)).toBe(false);
    expect(exceedsJsonDepth(nested(65), 64)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth(`{"a":"${'[{'.repeat(100)}"}`, 1)).toBe(false);
    expect(exceedsJsonDepth(`{"a":"\\"[[[[","b":"\\\\"}`, 1)).toBe(false);
    expect(exceedsJsonDepth(`{"a":"\\\\",  "b":[[1]]}`, 2)).toBe(true);
  });

  it('answers for a deep document without recursing', () => {
    expect(exceedsJsonDepth(nested(1_000_000), 64)).toBe(true);
  });
});
