import type { JournalEntry } from '../../reference-mock/index.js';
import type { GradeCheck } from '../shared/report.js';
import { type EvaluationContext, gradeCheck, lines, ms } from './grade-check.js';
import { finishedAt, type JournalView, nextRepeat, requestKey } from './journal-view.js';
import { CLIENT_GRADE_TOLERANCES } from './options.js';

/**
 * Requests that share a correlation id although they belong to different logical operations: a
 * different method, path or query, or any request after the id's operation already succeeded.
 */
export function sharedAcrossOperations(view: JournalView): JournalEntry[][] {
  const byId = new Map<string, JournalEntry[]>();
  for (const entry of view.entries)
    if (entry.correlationIdSent !== null)
      byId.set(entry.correlationIdSent, [...(byId.get(entry.correlationIdSent) ?? []), entry]);
  return [...byId.values()].filter((group) => {
    const first = group[0];
    if (!first || group.length < 2) return false;
    const succeeded = group.findIndex((entry) => entry.status !== null && entry.status < 300);
    return (
      group.some((entry) => requestKey(entry) !== requestKey(first)) || (succeeded >= 0 && succeeded < group.length - 1)
    );
  });
}

/**
 * Every request carries X-Correlation-Id, every attempt of a retried operation carries the same one,
 * and different operations carry different ones.
 */
export function correlationId({ view }: EvaluationContext): GradeCheck {
  const id = 'correlation-id';
  if (view.entries.length === 0) return gradeCheck(id, 'not_graded', 'the command sent no request', []);
  const missing = view.entries.filter((entry) => !entry.correlationIdSent);
  const changed = view.chains.filter(
    ([first, ...retries]) => first && retries.some((retry) => retry.correlationIdSent !== first.correlationIdSent),
  );
  const shared = sharedAcrossOperations(view);
  const problems = [
    ...(missing.length > 0
      ? [`${missing.length} of ${view.entries.length} requests carried no X-Correlation-Id: send one on every request`]
      : []),
    ...(changed.length > 0
      ? [
          `${changed.length} retried operation(s) changed X-Correlation-Id between attempts (${changed.map((chain) => (chain[0] ? requestKey(chain[0]) : '')).join('; ')}): create the id once per operation and reuse it on every retry`,
        ]
      : []),
    ...(shared.length > 0
      ? [
          `${shared.length} X-Correlation-Id value(s) were sent by different operations (e.g. ${shared[0]?.length ?? 0} requests shared ${shared[0]?.[0]?.correlationIdSent ?? ''}): create a new id for each logical operation, so support can find one operation by it`,
        ]
      : []),
  ];
  if (problems.length > 0)
    return gradeCheck(id, 'fail', problems.join('; '), [
      ...lines(view, missing, 10),
      ...changed.flatMap((chain) => lines(view, chain)),
      ...shared.slice(0, 3).flatMap((group) => lines(view, group, 6)),
    ]);
  if (view.chains.length === 0)
    return gradeCheck(
      id,
      'not_graded',
      `all ${view.entries.length} requests carried X-Correlation-Id, but none was retried, so keeping it across retries is unproven`,
      [],
    );
  return gradeCheck(
    id,
    'pass',
    `all ${view.entries.length} requests carried X-Correlation-Id, the ${view.chains.length} retried operations kept theirs and no two operations shared one`,
    view.chains.flatMap((chain) => lines(view, chain)),
  );
}

/** When the client was done with a request: an abandoned one ends when its retry starts, at the latest. */
function endOf(view: JournalView, entry: JournalEntry, timeoutMs: number | null): number {
  const end = finishedAt(entry);
  if (entry.status !== null || entry.fault !== 'delay') return end;
  const retry = nextRepeat(view, entry);
  const abandoned = retry?.receivedAt ?? (timeoutMs === null ? end : entry.receivedAt + timeoutMs);
  return Math.min(end, abandoned);
}

/** The most requests in flight at once (by the mock's clock) and the requests making up that peak. */
export function peakConcurrency(view: JournalView, timeoutMs: number | null) {
  const spans = view.entries.map((entry) => ({ entry, start: entry.receivedAt, end: endOf(view, entry, timeoutMs) }));
  let peak: { at: number; entries: JournalEntry[] } = { at: view.origin, entries: [] };
  for (const span of spans) {
    const inFlight = spans.filter(
      (other) =>
        other === span || (other.start <= span.start && other.end - span.start > CLIENT_GRADE_TOLERANCES.overlapMs),
    );
    if (inFlight.length > peak.entries.length) peak = { at: span.start, entries: inFlight.map((other) => other.entry) };
  }
  return peak;
}

/** Requests in flight at once stay within the declared bound. */
export function concurrencyBound(context: EvaluationContext): GradeCheck {
  const id = 'concurrency-bound';
  const { view } = context;
  if (view.entries.length < 2) return gradeCheck(id, 'not_graded', 'fewer than two requests were sent', []);
  const { at, entries } = peakConcurrency(view, context.declared.timeoutMs);
  const peak = entries;
  const bound = context.declared.maxConcurrency;
  const evidence = [`${peak.length} in flight at t+${ms(at - view.origin)}:`, ...lines(view, peak)];
  if (bound === null)
    return gradeCheck(
      id,
      'not_graded',
      `no bound was declared (up to ${peak.length} requests were in flight): declare it (--max-concurrency) to grade this`,
      evidence,
    );
  if (peak.length > bound)
    return gradeCheck(
      id,
      'fail',
      `${peak.length} requests were in flight at once, above the declared bound of ${bound}: run fan-outs through a pool of ${bound} workers`,
      evidence,
    );
  return gradeCheck(id, 'pass', `at most ${peak.length} request(s) in flight (declared bound ${bound})`, evidence);
}
