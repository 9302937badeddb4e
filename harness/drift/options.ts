/** What a caller may set when comparing two packets. */
export interface CompareOptions {
  /** `baseline`: the previous run of the same target. `parity`: sandbox against production (host and credentials ignored). */
  readonly mode?: 'baseline' | 'parity';
  /** A p50/p95 regresses when it grows by more than this factor... (default 1.5) */
  readonly latencyFactor?: number;
  /** ...and by more than this many milliseconds (default 100), so noise on quick calls is not drift. */
  readonly latencyMinMs?: number;
}

export interface ResolvedCompareOptions {
  readonly mode: 'baseline' | 'parity';
  readonly latencyFactor: number;
  readonly latencyMinMs: number;
}

export const DEFAULT_COMPARE_OPTIONS = Object.freeze({
  mode: 'baseline',
  latencyFactor: 1.5,
  latencyMinMs: 100,
}) satisfies ResolvedCompareOptions;

export const resolveCompareOptions = (options: CompareOptions = {}): ResolvedCompareOptions => ({
  mode: options.mode ?? DEFAULT_COMPARE_OPTIONS.mode,
  latencyFactor: options.latencyFactor ?? DEFAULT_COMPARE_OPTIONS.latencyFactor,
  latencyMinMs: options.latencyMinMs ?? DEFAULT_COMPARE_OPTIONS.latencyMinMs,
});
