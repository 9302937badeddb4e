import type { DriftSection } from '../packet/monitor-schema.js';
import type { LaunchPacket } from '../packet/schema.js';
import { comparePackets } from './compare.js';
import type { CompareOptions } from './options.js';

/** The "changes since the baseline" section of `after`, compared with the packet read from `file`. */
export function driftSection(
  baseline: LaunchPacket,
  file: string,
  after: LaunchPacket,
  options: CompareOptions = {},
): DriftSection {
  return {
    baseline: {
      file,
      runId: baseline.run.id,
      startedAt: baseline.run.startedAt,
      target: baseline.target.kind,
      host: baseline.target.host,
    },
    mode: options.mode ?? 'baseline',
    changes: comparePackets(baseline, after, options),
  };
}

/** True when a change in the section stops the cutover. */
export const driftStopsCutover = (drift: DriftSection | null): boolean =>
  drift?.changes.some((change) => change.stopsCutover) === true;
