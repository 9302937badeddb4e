/**
 * When the grading process could not run: its event loop stalled (busy with other requests, garbage
 * collection, or starved of CPU on a busy machine). The mock stamps a request when its handler runs,
 * so a request that arrived during a stall is stamped late, by up to the stall. The grader uses this
 * to lean to a pass, never to a fail: a repeat that may be a timeout retry once the stall is counted
 * is not held against the client.
 */

/** One stall: the loop could not run from `endAt - lateMs` to `endAt` (epoch ms, as journal times). */
export interface Stall {
  readonly endAt: number;
  readonly lateMs: number;
}

/** The stalls of a run so far, and a way to stop watching (`using` stops it too). */
export interface StallMonitor extends Disposable {
  readonly stalls: readonly Stall[];
  stop(): readonly Stall[];
}

/** Timer period; lateness above `thresholdMs` counts as a stall. */
export const STALL_TICK_MS = 10;
export const STALL_THRESHOLD_MS = 20;
/** A run longer than this many stalls keeps the latest ones (a few minutes of a starved loop). */
const MAX_STALLS = 20_000;

/** Watches this process's event loop with a short unref'd timer until `stop()`. */
export function watchStalls(now: () => number = () => performance.timeOrigin + performance.now()): StallMonitor {
  const stalls: Stall[] = [];
  let last = now();
  const timer = setInterval(() => {
    const at = now();
    const lateMs = at - last - STALL_TICK_MS;
    last = at;
    if (lateMs <= STALL_THRESHOLD_MS) return;
    if (stalls.length >= MAX_STALLS) stalls.shift();
    stalls.push({ endAt: at, lateMs });
  }, STALL_TICK_MS);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    return stalls;
  };
  return { stalls, stop, [Symbol.dispose]: stop };
}

/**
 * How much earlier than `at` a request stamped at `at` may have arrived: the stall time within the
 * `windowMs` before it (plus one tick after, as the timer that measures a stall runs after the
 * requests the loop was late for). Generous on purpose: it only ever excuses.
 */
export function stalledMsBefore(stalls: readonly Stall[], at: number, windowMs: number): number {
  const from = at - windowMs;
  const to = at + STALL_TICK_MS + STALL_THRESHOLD_MS;
  let total = 0;
  for (const stall of stalls) {
    const start = stall.endAt - stall.lateMs;
    const overlap = Math.min(stall.endAt, to) - Math.max(start, from);
    if (overlap > 0) total += overlap;
  }
  return Math.min(total, windowMs);
}
