import type { FaultKind } from './faults.js';

/**
 * The fault behind an entry: one the mock injected, or `lost_response` (the observe proxy forwarded the
 * request, the provider answered, and the proxy dropped the answer before the client read it).
 */
export type JournalFault = FaultKind | 'lost_response';

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
  /** The W3C `traceparent` the client sent, as sent (accepted whatever it holds); null when absent. */
  readonly traceparent: string | null;
  readonly idempotencyKey: string | null;
  /** First 12 characters of the credential (bearer token or OAuth client id); never the full secret. */
  readonly credentialPrefix: string | null;
  readonly fault: JournalFault | null;
  /** True when the response was an idempotent replay. */
  readonly replayed: boolean;
  /** Real milliseconds from arrival to the end of the response (or to the drop/hang). */
  readonly durationMs: number;
}

/** What the pipeline records: raw values, formatted only when the journal is read (keeps the hot path cheap). */
export type JournalRecord = Omit<JournalEntry, 'seq' | 'clockAt' | 'query'> & {
  readonly clockAtMs: number;
  /** The raw query string, parsed only when the journal is read. */
  readonly search: string;
};

/** A bounded ring of journal entries; the oldest are dropped first. */
export interface RequestJournal {
  record(record: JournalRecord): void;
  /** Oldest first. */
  entries(): JournalEntry[];
  clear(): void;
  readonly capacity: number;
}

const format = (seq: number, r: JournalRecord): JournalEntry => ({
  seq,
  receivedAt: r.receivedAt,
  clockAt: new Date(r.clockAtMs).toISOString(),
  method: r.method,
  path: r.path,
  operationId: r.operationId,
  query: Object.fromEntries(new URLSearchParams(r.search)),
  status: r.status,
  errorCode: r.errorCode,
  requestId: r.requestId,
  correlationIdSent: r.correlationIdSent,
  traceparent: r.traceparent,
  idempotencyKey: r.idempotencyKey,
  credentialPrefix: r.credentialPrefix,
  fault: r.fault,
  replayed: r.replayed,
  durationMs: r.durationMs,
});

/** Creates a journal that keeps the last `capacity` entries. */
export function createRequestJournal(capacity: number): RequestJournal {
  // Two parallel rings (records and their seq numbers): no allocation per request beyond the record.
  let ring: JournalRecord[] = [];
  let seqs: number[] = [];
  let next = 0;
  let seq = 0;
  return {
    capacity,
    record(record) {
      seq++;
      if (ring.length < capacity) {
        ring.push(record);
        seqs.push(seq);
      } else {
        ring[next] = record;
        seqs[next] = seq;
        next = (next + 1) % capacity;
      }
    },
    entries() {
      const out: JournalEntry[] = [];
      for (let i = 0; i < ring.length; i++) {
        const index = (next + i) % ring.length;
        const record = ring[index];
        const number = seqs[index];
        if (record !== undefined && number !== undefined) out.push(format(number, record));
      }
      return out;
    },
    clear() {
      ring = [];
      seqs = [];
      next = 0;
    },
  };
}
