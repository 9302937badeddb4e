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

/** The fields kept as text (or null), one column each. */
const TEXT_FIELDS = [
  'method',
  'path',
  'search',
  'operationId',
  'errorCode',
  'requestId',
  'correlationIdSent',
  'traceparent',
  'idempotencyKey',
  'credentialPrefix',
  'fault',
] as const satisfies readonly (keyof JournalRecord)[];

type TextField = (typeof TEXT_FIELDS)[number];

/** No status was sent (drop, hang, client gone): `status` is null. */
const NO_STATUS = -1;

/**
 * The ring's storage: one array per field instead of one object per entry. The record the pipeline
 * hands over (its whole request in flight) then dies young; only its strings stay. Retaining 10,000
 * records kept ~250 bytes each alive through two copies by the young-generation GC and then in the old
 * generation: a 10,000-entry journal of records cost ~5% more CPU per request than a 1-entry one
 * (issue 16), and two major GCs per 20,000 requests that this layout does not need.
 */
interface Columns {
  seq: number[];
  receivedAt: number[];
  clockAtMs: number[];
  durationMs: number[];
  /** NO_STATUS for null. */
  status: number[];
  replayed: boolean[];
  text: Record<TextField, (string | null)[]>;
}

const emptyColumns = (): Columns => ({
  seq: [],
  receivedAt: [],
  clockAtMs: [],
  durationMs: [],
  status: [],
  replayed: [],
  text: Object.fromEntries(TEXT_FIELDS.map((field) => [field, []])) as unknown as Columns['text'],
});

/** The entry at `index` of `columns`, formatted for reading. */
function entryAt(columns: Columns, index: number): JournalEntry {
  const text = (field: TextField) => columns.text[field][index] ?? null;
  const status = columns.status[index] ?? NO_STATUS;
  return {
    seq: columns.seq[index] ?? 0,
    receivedAt: columns.receivedAt[index] ?? 0,
    clockAt: new Date(columns.clockAtMs[index] ?? 0).toISOString(),
    method: text('method') ?? '',
    path: text('path') ?? '',
    operationId: text('operationId'),
    query: Object.fromEntries(new URLSearchParams(text('search') ?? '')),
    status: status === NO_STATUS ? null : status,
    errorCode: text('errorCode'),
    requestId: text('requestId') ?? '',
    correlationIdSent: text('correlationIdSent'),
    traceparent: text('traceparent'),
    idempotencyKey: text('idempotencyKey'),
    credentialPrefix: text('credentialPrefix'),
    fault: text('fault') as JournalFault | null,
    replayed: columns.replayed[index] ?? false,
    durationMs: columns.durationMs[index] ?? 0,
  };
}

/** Creates a journal that keeps the last `capacity` entries. */
export function createRequestJournal(capacity: number): RequestJournal {
  let columns = emptyColumns();
  /** Entries stored (up to capacity), and where the next one goes once the ring is full. */
  let size = 0;
  let next = 0;
  let seq = 0;
  return {
    capacity,
    record(record) {
      seq++;
      let at = next;
      if (size < capacity) at = size++;
      else next = (next + 1) % capacity;
      columns.seq[at] = seq;
      columns.receivedAt[at] = record.receivedAt;
      columns.clockAtMs[at] = record.clockAtMs;
      columns.durationMs[at] = record.durationMs;
      columns.status[at] = record.status ?? NO_STATUS;
      columns.replayed[at] = record.replayed;
      const { text } = columns;
      text.method[at] = record.method;
      text.path[at] = record.path;
      text.search[at] = record.search;
      text.operationId[at] = record.operationId;
      text.errorCode[at] = record.errorCode;
      text.requestId[at] = record.requestId;
      text.correlationIdSent[at] = record.correlationIdSent;
      text.traceparent[at] = record.traceparent;
      text.idempotencyKey[at] = record.idempotencyKey;
      text.credentialPrefix[at] = record.credentialPrefix;
      text.fault[at] = record.fault;
    },
    entries() {
      const out: JournalEntry[] = [];
      const oldest = size < capacity ? 0 : next;
      for (let i = 0; i < size; i++) out.push(entryAt(columns, (oldest + i) % size));
      return out;
    },
    clear() {
      columns = emptyColumns();
      size = 0;
      next = 0;
    },
  };
}
