/** A response kept for replay: what was sent the first time, minus per-request headers. */
export interface StoredResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What a request holding an Idempotency-Key may do once no other request with that key is in flight. */
export type IdempotencySlot =
  | {
      /** A request with this key already completed: replay if the fingerprint matches, else conflict. */
      readonly kind: 'stored';
      readonly fingerprint: string;
      readonly response: StoredResponse;
    }
  | {
      /** This request owns the key: it executes; requests with the same key wait until `complete`. */
      readonly kind: 'owner';
      /** Call once: the request fingerprint and response to keep, or null to release the key (nothing written). */
      readonly complete: (fingerprint: string, response: StoredResponse | null) => void;
    };

type Entry =
  | { readonly state: 'in_flight'; readonly settled: Promise<void> }
  | {
      readonly state: 'done';
      readonly fingerprint: string;
      readonly expiresAt: number;
      readonly response: StoredResponse;
    };

/** Idempotency keys scoped by the caller (partner org + operation), kept `ttlMs` of mock time. */
export interface IdempotencyStore {
  /**
   * Waits while another request with `scopedKey` is in flight (from before its body is read until
   * its response is stored), then hands out the stored response or ownership of the key.
   * When `signal` aborts (the waiting client left) it rejects with the signal's reason and takes
   * nothing: a request nobody will read must not own the key.
   */
  reserve(scopedKey: string, signal?: AbortSignal): Promise<IdempotencySlot>;
  readonly size: number;
  clear(): void;
}

/** Creates an in-memory idempotency store: keys live `ttlMs` of mock time, at most `maxEntries` completed ones. */
export function createIdempotencyStore(
  now: () => number,
  ttlMs = 24 * 60 * 60 * 1000,
  maxEntries = 10_000,
): IdempotencyStore {
  let entries = new Map<string, Entry>();
  let insertsSinceSweep = 0;

  const sweep = () => {
    const at = now();
    for (const [key, entry] of entries) if (entry.state === 'done' && entry.expiresAt <= at) entries.delete(key);
  };

  const own = (scopedKey: string): IdempotencySlot => {
    if (++insertsSinceSweep >= 1000) {
      insertsSinceSweep = 0;
      sweep();
    }
    if (entries.size >= maxEntries)
      for (const [key, entry] of entries) {
        if (entries.size < maxEntries) break;
        if (entry.state === 'done') entries.delete(key); // the oldest completed keys; never one in flight
      }
    let settle: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const owner = entries;
    owner.set(scopedKey, { state: 'in_flight', settled });
    let completed = false;
    return {
      kind: 'owner',
      complete(fingerprint, response) {
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
  };

  return {
    async reserve(scopedKey, signal) {
      for (;;) {
        signal?.throwIfAborted();
        const entry = entries.get(scopedKey);
        if (entry === undefined || (entry.state === 'done' && entry.expiresAt <= now())) return own(scopedKey);
        if (entry.state === 'done') return { kind: 'stored', fingerprint: entry.fingerprint, response: entry.response };
        await (signal ? untilSettledOrAborted(entry.settled, signal) : entry.settled);
      }
    },
    get size() {
      return entries.size;
    },
    clear() {
      entries = new Map();
    },
  };
}

/** Resolves when `settled` does or `signal` aborts, whichever comes first, leaving no listener behind. */
function untilSettledOrAborted(settled: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    void settled.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
