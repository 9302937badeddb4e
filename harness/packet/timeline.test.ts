import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from './schema.js';
import { inTimeOrder } from './timeline.js';

const entry = (at: string, step: string): TimelineEntry => ({ at, step, detail: '', ok: true });

describe('inTimeOrder', () => {
  it('orders by instant, keeps entries of one instant in their order, and leaves its input alone', () => {
    const input = [
      entry('2026-11-30T10:00:01.500Z', 'c'),
      entry('2026-11-30T10:00:01Z', 'b'),
      entry('2026-11-30T09:59:59.999Z', 'a'),
      entry('2026-11-30T10:00:01.000Z', 'b2'),
    ];
    expect(inTimeOrder(input).map((item) => item.step)).toEqual(['a', 'b', 'b2', 'c']);
    expect(input.map((item) => item.step)).toEqual(['c', 'b', 'a', 'b2']);
  });

  it('puts times that do not parse after the others, ordered by their text, whatever the input order', () => {
    const entries = [
      entry('not a time b', 'x2'),
      entry('2026-11-30T10:00:02Z', 'late'),
      entry('not a time a', 'x1'),
      entry('2026-11-30T10:00:01Z', 'early'),
    ];
    const expected = ['early', 'late', 'x1', 'x2'];
    expect(inTimeOrder(entries).map((item) => item.step)).toEqual(expected);
    expect(inTimeOrder([...entries].reverse()).map((item) => item.step)).toEqual(expected);
  });
});
