import { escapeXml as xml } from './escape.js';
import type { LaunchPacket } from './schema.js';
import { describeChange, driftHeadline } from './watch-text.js';

interface WatchCase {
  readonly name: string;
  readonly verdict: 'pass' | 'fail' | 'not_run';
  readonly detail: string;
  readonly out: string;
}

const testCase = (classname: string, item: WatchCase): string => {
  const open = `    <testcase classname="${xml(classname)}" name="${xml(item.name)}" time="0.000">`;
  const out = `      <system-out>${xml(item.out)}</system-out>`;
  const verdict =
    item.verdict === 'fail'
      ? `      <failure message="${xml(item.detail)}" type="${xml(classname)}">${xml(item.detail)}</failure>`
      : item.verdict === 'not_run'
        ? `      <skipped message="${xml(`Not run: ${item.detail}`)}"/>`
        : null;
  return [open, ...(verdict === null ? [] : [verdict]), out, '    </testcase>'].join('\n');
};

const suite = (name: string, id: string, classname: string, cases: readonly WatchCase[]): string =>
  [
    `  <testsuite name="${xml(name)}" id="${xml(id)}" tests="${cases.length}" failures="${cases.filter((item) => item.verdict === 'fail').length}" errors="0" skipped="${cases.filter((item) => item.verdict === 'not_run').length}" time="0.000">`,
    ...cases.map((item) => testCase(classname, item)),
    '  </testsuite>',
  ].join('\n');

/** The cases the nightly watch and the baseline comparison add: one per check, one per change. */
export function watchCases(packet: LaunchPacket): { monitor: WatchCase[]; drift: WatchCase[] } {
  const monitor = (packet.monitor?.checks ?? []).map((check) => ({
    name: check.title,
    verdict: check.verdict,
    detail: check.detail,
    out: check.evidence.join('\n') || 'Evidence: none',
  }));
  const { drift } = packet;
  const drifts: WatchCase[] =
    drift === null
      ? []
      : drift.changes.length === 0
        ? [{ name: 'no changes', verdict: 'pass', detail: driftHeadline(drift), out: driftHeadline(drift) }]
        : drift.changes.map((change) => ({
            name: change.field,
            verdict: change.stopsCutover ? 'fail' : 'pass',
            detail: describeChange(change),
            out: describeChange(change),
          }));
  return { monitor, drift: drifts };
}

/** JUnit suites for the nightly watch and the changes since the baseline (each only when present). */
export function watchSuites(packet: LaunchPacket): string[] {
  const { monitor, drift } = watchCases(packet);
  return [
    ...(packet.monitor === null ? [] : [suite('Nightly watch', 'nightly-watch', 'dutyclaims.watch', monitor)]),
    ...(packet.drift === null
      ? []
      : [
          suite(
            packet.drift.mode === 'parity' ? 'Sandbox-to-production parity' : 'Changes since the baseline',
            'drift',
            'dutyclaims.drift',
            drift,
          ),
        ]),
  ];
}
