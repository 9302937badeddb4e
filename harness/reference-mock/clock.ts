/** The mock's clock: a source (real or injected) plus the offset that `advanceClock` accumulates. */
export interface MockClock {
  /** Mock time, epoch milliseconds. */
  now(): number;
  /** Mock time as an RFC 3339 UTC timestamp. */
  iso(): string;
  advance(ms: number): void;
  /** Forget every advance. */
  resetOffset(): void;
}

/** Creates a mock clock over `source` (epoch ms). */
export function createMockClock(source: () => number): MockClock {
  let offset = 0;
  const now = () => source() + offset;
  return {
    now,
    iso: () => new Date(now()).toISOString(),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The clock only moves forward: give ms >= 0.');
      offset += ms;
    },
    resetOffset() {
      offset = 0;
    },
  };
}
