import { markdownCode as code, escapeMarkdown as text } from './escape.js';
import { markdownTable as table } from './markdown-table.js';
import type { LaunchPacket } from './schema.js';
import { VERDICT_LABELS } from './verdict.js';
import { driftHeadline, NO_BASELINE, shown } from './watch-text.js';

const MARKS = { pass: '✅', fail: '❌', not_run: '⚠️' } as const;

/** The nightly watch of a smoke run: one row per check; nothing for a rehearsal. */
export function markdownWatch(packet: LaunchPacket): string[] {
  if (packet.monitor === null) return [];
  return [
    '## Nightly watch',
    '',
    ...table(
      ['Check', 'Verdict', 'Detail', 'Evidence'],
      packet.monitor.checks.map((check) => [
        text(check.title),
        `${MARKS[check.verdict]} **${VERDICT_LABELS[check.verdict]}**`,
        text(check.detail),
        check.evidence.map(code).join('<br>'),
      ]),
    ),
    '',
  ];
}

/** "Changes since the baseline", present in every packet so its absence is never mistaken for "no drift". */
export function markdownDrift(packet: LaunchPacket): string[] {
  const { drift } = packet;
  const heading = drift?.mode === 'parity' ? '## Sandbox-to-production parity' : '## Changes since the baseline';
  if (drift === null) return [heading, '', `_${text(NO_BASELINE)}_`, ''];
  return [
    heading,
    '',
    text(driftHeadline(drift)),
    '',
    ...(drift.changes.length === 0
      ? []
      : table(
          ['What', 'Before', 'After', 'Stops the cutover', 'Why'],
          drift.changes.map((change) => [
            code(change.field),
            code(shown(change.before)),
            code(shown(change.after)),
            change.stopsCutover ? '❌ **yes**' : 'no',
            text(change.detail),
          ]),
        )),
    '',
  ];
}

/** The rollback plan as given, in a fence longer than any inside it; a line saying none was given otherwise. */
export function markdownRollbackPlan(packet: LaunchPacket): string[] {
  const plan = packet.rollbackPlan;
  if (plan === null)
    return ['## Rollback plan', '', '_No rollback plan was given (DUTYCLAIMS_ROLLBACK_PLAN_FILE)._', ''];
  const longest = Math.max(2, ...[...plan.text.matchAll(/~+/g)].map((match) => match[0].length));
  const fence = '~'.repeat(longest + 1);
  return ['## Rollback plan', '', `From ${code(plan.file)}:`, '', fence, plan.text.trimEnd(), fence, ''];
}
