// The CLI's standard streams: how a command writes its lines, and how the process ends once they are out.

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** The environment commands read their DUTYCLAIMS_* settings from; defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** True when `out` goes to a terminal (colour is on there unless NO_COLOR says otherwise). */
  readonly tty?: boolean;
  /** Raw text to a terminal for a spinner; absent when none is attached. */
  readonly raw?: (text: string) => void;
}

/**
 * Writes to a standard stream until its reader goes away: `rehearse | head` then ends the output
 * quietly instead of crashing with EPIPE, and the run still writes its packet and sets its exit code.
 */
function lineWriter(stream: NodeJS.WriteStream): (line: string) => void {
  let open = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    open = false;
  });
  return (line) => {
    if (open) stream.write(`${line}\n`);
  };
}

let defaultIoCache: CliIo | undefined;

/** The process's stdout and stderr, one writer each however often it is asked for. */
export const defaultIo = (): CliIo => {
  defaultIoCache ??= {
    out: lineWriter(process.stdout),
    err: lineWriter(process.stderr),
    tty: process.stdout.isTTY === true,
    ...(process.stderr.isTTY ? { raw: (text: string) => void process.stderr.write(text) } : {}),
  };
  return defaultIoCache;
};

/** Resolves once everything written to `stream` so far has reached the OS (at once on Linux, where writes are synchronous). */
const flushed = (stream: NodeJS.WriteStream): Promise<void> =>
  new Promise((resolve) => {
    if (stream.destroyed || stream.writableLength === 0) resolve();
    else stream.write('', () => resolve());
  });

/**
 * Ends the process with `code` once stdout and stderr are flushed. The command has returned and said
 * everything: exiting now skips Node's page-by-page teardown of V8's heap (~20 ms of every `rehearse`)
 * and still runs 'exit' listeners.
 */
export async function exitAfterOutput(code: number): Promise<never> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}
