/** How a long wait shows that the run is alive. */
export interface WaitProgressOptions {
  /** Writes one whole line (used when no terminal is attached). */
  readonly writeLine: (line: string) => void;
  /** Writes raw text to a terminal; when given, a spinner replaces the periodic lines. */
  readonly writeRaw?: ((text: string) => void) | null;
  /** Without a terminal: one line per this many ms of waiting (default 5 000). */
  readonly lineEveryMs?: number;
  /** In a terminal: one spinner frame per this many ms (default 120). */
  readonly frameEveryMs?: number;
  readonly now?: () => number;
}

/** Shows what the run is waiting for until told otherwise. */
export interface WaitProgress extends Disposable {
  /** `label` is what runs now, e.g. "step 5 GET /v1/clients/{clientId}/authority". */
  running(label: string): void;
  /** Erases the spinner so another line can be printed cleanly. */
  clear(): void;
  /** Stops showing anything. Idempotent. */
  stop(): void;
}

export const DEFAULT_WAIT_PROGRESS = Object.freeze({ lineEveryMs: 5_000, frameEveryMs: 120 });

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Starts showing progress: in a terminal a spinner with what runs and for how long, otherwise a line
 * every few seconds while the same thing is still running (quick steps print nothing extra).
 */
export function startWaitProgress(options: WaitProgressOptions): WaitProgress {
  const now = options.now ?? Date.now;
  const raw = options.writeRaw ?? null;
  const lineEveryMs = options.lineEveryMs ?? DEFAULT_WAIT_PROGRESS.lineEveryMs;
  // Lines are checked once a second, so each comes within a second of its due time.
  const every = raw ? (options.frameEveryMs ?? DEFAULT_WAIT_PROGRESS.frameEveryMs) : Math.min(1_000, lineEveryMs);
  let label: string | null = null;
  let since = now();
  let lastLine = since;
  let frame = 0;
  let drawn = false;
  const seconds = () => Math.floor((now() - since) / 1000);
  const clear = () => {
    if (raw && drawn) raw('\r\x1b[K');
    drawn = false;
  };
  const tick = () => {
    if (label === null) return;
    if (raw) {
      raw(`\r\x1b[K${FRAMES[frame % FRAMES.length]} ${label} (${seconds()} s)`);
      frame += 1;
      drawn = true;
    } else if (now() - lastLine >= lineEveryMs) {
      lastLine = now();
      options.writeLine(`  … still running ${label} (${seconds()} s)`);
    }
  };
  const timer = setInterval(tick, every);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    clear();
    label = null;
  };
  return {
    running(next) {
      clear();
      label = next;
      since = now();
      lastLine = since;
    },
    clear,
    stop,
    [Symbol.dispose]: stop,
  };
}
