import type { FaultKind } from './faults.js';

/** One API request as the mock saw it. Control-plane requests are not journaled. */
export interface JournalEntry {
  /** Monotonic across the mock's life (clearing the journal does not restart it). */
  readonly seq: number;
  /** Real epoch milliseconds (fractional) at which the request arrived. */
  readonly receivedAt: number;
  /** Mock clock at arrival, RFC 3339. */
  readonly clockAt: string;
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  /** The matched route's operationId; null when no route matched. */
  readonly operationId: string | null;
  readonly query: Readonly<Record<string, string>>;
  /** Status sent; null when no response was sent (drop, hang, client gone). */
  readonly status: number | null;
  /** The error envelope's code for non-2xx responses, else null. */
  readonly errorCode: string | null;
  readonly requestId: string;
  /** The X-Correlation-Id the client sent, as sent; null when absent. */
  readonly correlationIdSent: string | null;
  readonly idempotencyKey: string | null;
  /** First 12 characters of the credential (bearer or OAuth client id); never the full secret. */
  readonly credentialPrefix: string | null;
  readonly fault: FaultKind | null;
  /** True when the response was an idempotent replay. */
  readonly replayed: boolean;
  /** Real milliseconds from arrival to the end of the response. */
  readonly durationMs: number;
}

/** A bounded ring of journal entries; the oldest are dropped first. */
export interface RequestJournal {
  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry;
  /** Oldest first. */
  entries(): JournalEntry[];
  clear(): void;
  readonly capacity: number;
}

/** Creates a journal that keeps the last `capacity` entries. */
export function createRequestJournal(capacity: number): RequestJournal {
  let ring: JournalEntry[] = [];
  let next = 0;
  let seq = 0;
  return {
    capacity,
    record(entry) {
      const full: JournalEntry = { seq: ++seq, ...entry };
      if (ring.length < capacity) ring.push(full);
      else {
        ring[next] = full;
        next = (next + 1) % capacity;
      }
      return full;
    },
    entries() {
      return ring.length < capacity ? [...ring] : [...ring.slice(next), ...ring.slice(0, next)];
    },
    clear() {
      ring = [];
      next = 0;
    },
  };
}
