import type { JournalEntry } from '../../reference-mock/index.js';

/** Attempts of one logical operation: a failed request and the retries that followed it, in order. */
export type RetryChain = readonly JournalEntry[];

/** The journal of one run, ordered by arrival, with its retry chains. */
export interface JournalView {
  /** By `receivedAt` (the mock journals a request when it finishes, so `seq` is completion order). */
  readonly entries: readonly JournalEntry[];
  /** `receivedAt` of the first request; evidence times are relative to it. */
  readonly origin: number;
  /** Chains of two or more attempts, each starting at a failed request that was not itself a retry. */
  readonly chains: readonly RetryChain[];
  /** One evidence line for an entry: seq, time, request, answer, key, correlation id, duration. */
  line(entry: JournalEntry): string;
}

/** Answers a client should retry: no answer (dropped, hung, abandoned), 429 and 5xx. */
export const isRetryableOutcome = (entry: JournalEntry): boolean =>
  entry.status === null || entry.status === 429 || entry.status >= 500;

export const isWriteMethod = (method: string): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

const queryString = (entry: JournalEntry) => {
  const pairs = Object.entries(entry.query).sort(([a], [b]) => a.localeCompare(b));
  return pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`;
};

/** Method, path and query: a retry repeats all three. */
export const requestKey = (entry: JournalEntry): string => `${entry.method} ${entry.path}${queryString(entry)}`;

/** When the mock finished with the request (answered, dropped or gave up holding it). */
export const finishedAt = (entry: JournalEntry): number => entry.receivedAt + entry.durationMs;

const shorten = (value: string | null) => (value === null ? '-' : value.length > 40 ? `${value.slice(0, 40)}…` : value);
const ms = (value: number) => `${Math.round(value)}`;

function outcome(entry: JournalEntry): string {
  const fault = entry.fault === null ? '' : ` [fault: ${entry.fault}]`;
  if (entry.status === null) return `no answer${fault}`;
  return `${entry.status}${entry.errorCode === null ? '' : ` ${entry.errorCode}`}${fault}`;
}

/**
 * Follows each failed request to its retries: the retry of a request is the next request (by arrival)
 * with the same method, path and query. The scenario sends each request once, so any repeat is a retry.
 */
function buildChains(entries: readonly JournalEntry[]): RetryChain[] {
  const used = new Set<JournalEntry>();
  const chains: RetryChain[] = [];
  entries.forEach((first, index) => {
    if (used.has(first) || !isRetryableOutcome(first)) return;
    const chain = [first];
    let current = first;
    for (let next = index + 1; next < entries.length && isRetryableOutcome(current); next++) {
      const candidate = entries[next];
      if (candidate === undefined || used.has(candidate) || requestKey(candidate) !== requestKey(current)) continue;
      chain.push(candidate);
      current = candidate;
    }
    for (const entry of chain) used.add(entry);
    if (chain.length > 1) chains.push(chain);
  });
  return chains;
}

/** Orders a journal by arrival and finds its retry chains. */
export function viewJournal(journal: readonly JournalEntry[]): JournalView {
  const entries = [...journal].sort((a, b) => a.receivedAt - b.receivedAt || a.seq - b.seq);
  const origin = entries[0]?.receivedAt ?? 0;
  return {
    entries,
    origin,
    chains: buildChains(entries),
    line: (entry) =>
      `#${entry.seq} t+${ms(entry.receivedAt - origin)}ms ${requestKey(entry)} -> ${outcome(entry)} ` +
      `key=${shorten(entry.idempotencyKey)} corr=${shorten(entry.correlationIdSent)} (${ms(entry.durationMs)} ms)`,
  };
}

/** The later request that repeats `entry` (same method, path and query), if any. */
export function nextRepeat(view: JournalView, entry: JournalEntry): JournalEntry | undefined {
  const index = view.entries.indexOf(entry);
  const key = requestKey(entry);
  return view.entries.slice(index + 1).find((candidate) => requestKey(candidate) === key);
}
