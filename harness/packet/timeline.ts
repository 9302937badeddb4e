import type { TimelineEntry } from './schema.js';

/**
 * The packet's timeline in time order (stable for entries at the same instant).
 * Compares the instants, not the strings: `localeCompare` would also cost the run ICU's collator
 * start-up (~10 ms of a `rehearse`) to order ISO-8601 timestamps.
 */
export function inTimeOrder(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
