import type { DriftChange, DriftSection } from './monitor-schema.js';

/** What a packet without a baseline says in its "changes since the baseline" section. */
export const NO_BASELINE =
  'No baseline was given: run `dutyclaims-launch smoke --baseline <previous launch-packet.json>` to compare.';

/** "none" for a missing value, else the value. */
export const shown = (value: string | null): string => value ?? 'none';

/** One change as a sentence: "contract.servedHash: 1a2b… → 3c4d… (stops the cutover)". */
export const describeChange = (change: DriftChange): string =>
  `${change.field}: ${shown(change.before)} → ${shown(change.after)}${change.stopsCutover ? ' (stops the cutover)' : ''}. ${change.detail}`;

/** The headline of a drift section: what it compared and how many changes stop the cutover. */
export function driftHeadline(drift: DriftSection): string {
  const stops = drift.changes.filter((change) => change.stopsCutover).length;
  const what =
    drift.mode === 'parity'
      ? `Parity of ${drift.baseline.target} (${drift.baseline.host}, run ${drift.baseline.runId})`
      : `Since the baseline run ${drift.baseline.runId} of ${drift.baseline.startedAt} (${drift.baseline.file})`;
  if (drift.changes.length === 0) return `${what}: no changes.`;
  return `${what}: ${drift.changes.length} change${drift.changes.length === 1 ? '' : 's'}, ${stops} of which stop${stops === 1 ? 's' : ''} the cutover.`;
}
