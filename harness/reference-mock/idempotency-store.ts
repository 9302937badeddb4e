/** A response kept for replay: what was sent the first time, minus per-request headers. */
export interface StoredResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What to do with a request that carries an Idempotency-Key. */
export type IdempotencyDecision =
  | {
      readonly kind: 'execute';
      /** Call once: a response to keep for replays, or null to release the key (the write did not happen). */
      readonly complete: (response: StoredResponse | null) => void;
    }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  | { readonly kind: 'conflict' };

type Entry =
  | { readonly state: 'in_flight'; readonly fingerprint: string; readonly settled: Promise<void> }
  | {
      readonly state: 'done';
      readonly fingerprint: string;
      readonly expiresAt: number;
      readonly response: StoredResponse;
    };

/** Idempotency keys scoped by the caller (partner org + operation), kept `ttlMs` of mock time. */
export interface IdempotencyStore {
  /**
   * Decides for `scopedKey` + request `fingerprint`: the first request executes, concurrent ones wait
   * for it and replay, a different fingerprint conflicts.
   */
  begin(scopedKey: string, fingerprint: string): Promise<IdempotencyDecision>;
  readonly size: number;
  clear(): void;
}

/** Creates an in-memory idempotency store. */
export function createIdempotencyStore(now: () => number, ttlMs = 24 * 60 * 60 * 1000): IdempotencyStore {
  let entries = new Map<string, Entry>();
  let insertsSinceSweep = 0;

  const sweep = () => {
    const at = now();
    for (const [key, entry] of entries) if (entry.state === 'done' && entry.expiresAt <= at) entries.delete(key);
  };

  const begin = async (scopedKey: string, fingerprint: string): Promise<IdempotencyDecision> => {
    for (;;) {
      const entry = entries.get(scopedKey);
      if (entry?.state === 'done' && entry.expiresAt <= now()) entries.delete(scopedKey);
      else if (entry) {
        if (entry.fingerprint !== fingerprint) return { kind: 'conflict' };
        if (entry.state === 'done') return { kind: 'replay', response: entry.response };
        await entry.settled;
        continue;
      }
      if (++insertsSinceSweep >= 1000) {
        insertsSinceSweep = 0;
        sweep();
      }
      let settle: () => void = () => undefined;
      const settled = new Promise<void>((resolve) => {
        settle = resolve;
      });
      const owner = entries;
      owner.set(scopedKey, { state: 'in_flight', fingerprint, settled });
      let completed = false;
      return {
        kind: 'execute',
        complete(response) {
          if (completed) return;
          completed = true;
          // A clear() while in flight started a new map: do not write into it.
          if (owner === entries) {
            if (response) owner.set(scopedKey, { state: 'done', fingerprint, expiresAt: now() + ttlMs, response });
            else owner.delete(scopedKey);
          }
          settle();
        },
      };
    }
  };

  return {
    begin,
    get size() {
      return entries.size;
    },
    clear() {
      entries = new Map();
    },
  };
}
