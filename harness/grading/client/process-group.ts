import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** The signals that stop the grader; while the partner's command runs they stop its group first. */
export const INTERRUPT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Sends a signal to the child's whole process group (the child was spawned `detached`). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** True while any process of the child's group exists. */
export function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** SIGTERM to the group, then SIGKILL to whatever is left after `graceMs`. */
export async function stopGroup(child: ChildProcess, graceMs: number): Promise<void> {
  killGroup(child, 'SIGTERM');
  const deadline = performance.now() + graceMs;
  while (groupAlive(child) && performance.now() < deadline) await sleep(25);
  if (groupAlive(child)) killGroup(child, 'SIGKILL');
}

/**
 * Lets a signal the grader caught take its default effect (the process dies of it, so a shell sees
 * 128 + its number: 130 for SIGINT, 143 for SIGTERM). When the embedding program listens for it
 * too, it has already been told, so the decision is left to it.
 */
export function reraise(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}
