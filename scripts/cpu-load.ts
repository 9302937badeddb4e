// Keeps CPU cores busy from child processes, so a stress run or a benchmark sees a loaded CI machine.
import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Busy-loop processes; stop them with `stop()` or `await using`. */
export interface CpuLoad extends AsyncDisposable {
  readonly processes: number;
  stop(): Promise<void>;
}

/** Starts one busy-looping node process per core (or `processes` of them). */
export function startCpuLoad(processes: number = availableParallelism()): CpuLoad {
  const children: ChildProcess[] = [];
  for (let i = 0; i < processes; i += 1) {
    children.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  }
  const stopOnExit = (): void => {
    for (const child of children) child.kill('SIGKILL');
  };
  process.once('exit', stopOnExit);
  const stop = async (): Promise<void> => {
    process.off('exit', stopOnExit);
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
  };
  return { processes, stop, [Symbol.asyncDispose]: stop };
}
