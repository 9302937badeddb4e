import { isValidTraceparent } from '../../client/trace-context.js';
import type { GradeCheck } from '../shared/report.js';
import { lines } from './grade-check.js';
import type { JournalView } from './journal-view.js';

/** The optional check `grade-client --expect-traceparent` adds after the catalogued ones. */
export const TRACEPARENT_CHECK = {
  id: 'traceparent',
  title: 'Every request carries a valid W3C traceparent, and one operation keeps it across retries',
} as const;

const check = (verdict: GradeCheck['verdict'], reason: string, evidence: readonly string[]): GradeCheck => ({
  ...TRACEPARENT_CHECK,
  verdict,
  reason,
  evidence: [...evidence],
});

/**
 * Every request carries a `traceparent` a W3C Trace Context receiver accepts (version 00, lower-case
 * hex, ids not all zero), and the attempts of a retried operation share one.
 */
export function traceparentCheck(view: JournalView): GradeCheck {
  if (view.entries.length === 0) return check('not_graded', 'the command sent no request', []);
  const invalid = view.entries.filter((entry) => !isValidTraceparent(entry.traceparent));
  const changed = view.chains.filter(
    ([first, ...retries]) => first && retries.some((retry) => retry.traceparent !== first.traceparent),
  );
  const problems = [
    ...(invalid.length > 0
      ? [
          `${invalid.length} of ${view.entries.length} requests carried no valid traceparent (e.g. ${JSON.stringify(invalid[0]?.traceparent ?? null)}): send 00-<32 hex trace id>-<16 hex span id>-<2 hex flags> on every request, from your OpenTelemetry context or generated`,
        ]
      : []),
    ...(changed.length > 0
      ? [`${changed.length} retried operation(s) changed traceparent between attempts: keep one per operation`]
      : []),
  ];
  if (problems.length > 0)
    return check('fail', problems.join('; '), [
      ...lines(view, invalid, 10),
      ...changed.flatMap((chain) => lines(view, chain)),
    ]);
  const shown = view.entries.slice(0, 5).map((entry) => `${view.line(entry)} traceparent=${entry.traceparent}`);
  return check('pass', `all ${view.entries.length} requests carried a valid traceparent`, shown);
}
