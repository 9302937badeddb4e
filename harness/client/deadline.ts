import { EventEmitter } from 'node:events';

/**
 * The deadline of one logical call, in the EventEmitter form of `signal` that undici accepts.
 * Adding and removing an abort listener on an AbortSignal costs several microseconds per request;
 * an EventEmitter costs under one, and the client pays it on every attempt.
 */
export class CallDeadline extends EventEmitter {
  /** Read by undici before it sends, like AbortSignal.aborted. */
  aborted = false;
  /** What undici rejects with once the deadline passed, like AbortSignal.reason. */
  reason: Error | undefined;
  readonly #timer: NodeJS.Timeout;
  readonly #endsAt: number;

  constructor(ms: number, now: number = Date.now()) {
    super();
    this.#endsAt = now + ms;
    this.#timer = setTimeout(() => {
      this.aborted = true;
      this.reason = new Error(`The call deadline of ${ms} ms passed.`);
      this.emit('abort');
    }, ms);
  }

  /** Milliseconds left before the deadline. */
  remaining(now: number = Date.now()): number {
    return this.#endsAt - now;
  }

  /** Settles as `work` does, or rejects with `reason` once this deadline passes first. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.aborted) return Promise.reject(this.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(this.reason);
      this.once('abort', onAbort);
      work.then(
        (value) => {
          this.off('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          this.off('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  /** Stops the timer; call it when the logical call settles. */
  clear(): void {
    clearTimeout(this.#timer);
  }
}
