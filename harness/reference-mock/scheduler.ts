/** Work due at a mock-clock instant. A returned promise is awaited by whoever drives the clock. */
export type ScheduledWork = () => unknown;

interface Task {
  readonly due: number;
  readonly seq: number;
  readonly work: ScheduledWork;
  cancelled: boolean;
}

/** Runs work at mock-clock instants, in order (due time, then scheduling order). */
export interface Scheduler {
  /** Schedules `work` at mock time `due`; returns a function that cancels it. */
  schedule(due: number, work: ScheduledWork): () => void;
  /** Runs everything due now, including work that it schedules for now; returns the async results. */
  runDue(): Promise<unknown>[];
  readonly pending: number;
  /** Cancels everything (reset, close). */
  clear(): void;
}

/**
 * A scheduler tied to a mock clock. With `timers: 'real'` it also arms one unref'd real timer for the
 * earliest task, so the timeline moves on its own; with `manual` only `runDue` moves it.
 */
export function createScheduler(now: () => number, timers: 'real' | 'manual'): Scheduler {
  let queue: Task[] = [];
  let seq = 0;
  let timer: NodeJS.Timeout | undefined;
  let armedFor = Number.POSITIVE_INFINITY;

  const arm = () => {
    if (timers === 'manual') return;
    const first = queue[0];
    if (!first) {
      if (timer) clearTimeout(timer);
      timer = undefined;
      armedFor = Number.POSITIVE_INFINITY;
      return;
    }
    if (timer && armedFor <= first.due) return;
    if (timer) clearTimeout(timer);
    armedFor = first.due;
    timer = setTimeout(
      () => {
        timer = undefined;
        armedFor = Number.POSITIVE_INFINITY;
        runDue();
        arm();
      },
      Math.max(0, first.due - now()),
    );
    timer.unref();
  };

  const none: Promise<unknown>[] = [];
  const ignore = () => undefined;
  const runDue = (): Promise<unknown>[] => {
    // Hot path: every API request calls this; most of the time nothing is due.
    const head = queue[0];
    if (head === undefined || head.due > now()) return none;
    const results: Promise<unknown>[] = [];
    for (let first = queue[0]; first && first.due <= now(); first = queue[0]) {
      queue.shift();
      if (first.cancelled) continue;
      try {
        const result = first.work();
        if (result instanceof Promise) results.push(result.catch(ignore));
      } catch {
        // Scheduled work must not stop the timeline; each task handles its own failures.
      }
    }
    arm();
    return results;
  };

  return {
    schedule(due, work) {
      const task: Task = { due, seq: seq++, work, cancelled: false };
      let index = queue.length;
      while (index > 0 && (queue[index - 1]?.due ?? 0) > due) index--;
      queue.splice(index, 0, task);
      arm();
      return () => {
        task.cancelled = true;
      };
    },
    runDue,
    get pending() {
      return queue.filter((task) => !task.cancelled).length;
    },
    clear() {
      queue = [];
      arm();
    },
  };
}
