import { isDutyClaimsCallError } from '../client/errors.js';
import type { CallResult } from '../client/metadata.js';
import type { ObservedError, Outcome } from './observations.js';

/** Turns a client call into an Outcome; only the client's own typed errors are caught. */
export async function observe<T>(call: Promise<CallResult<T>>): Promise<Outcome<T>> {
  try {
    const { data, meta } = await call;
    return { ok: true, value: data, meta };
  } catch (error) {
    if (isDutyClaimsCallError(error)) {
      return { ok: false, error: { name: error.name, code: error.code, message: error.message }, meta: error.meta };
    }
    throw error;
  }
}

export const observedError = (error: unknown): ObservedError => {
  const { name = 'Error', code = 'DC_ERR_UNKNOWN', message = String(error) } = error as Partial<ObservedError>;
  return { name, code: String(code), message };
};

/** Polls `read` until `done` says so or the deadline passes; backs off from 20 ms to 1 s. */
export async function pollUntil<T>(
  read: () => Promise<Outcome<T>>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<{ outcome: Outcome<T>; polls: number; timedOut: boolean }> {
  const deadline = Date.now() + timeoutMs;
  let wait = 20;
  for (let polls = 1; ; polls += 1) {
    const outcome = await read();
    if (!outcome.ok || done(outcome.value)) return { outcome, polls, timedOut: false };
    if (Date.now() + wait > deadline) return { outcome, polls, timedOut: true };
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(wait * 2, 1_000);
  }
}
