import { evidenceScope } from '../packet/evidence-scope.js';
import type { GateResult, LaunchPacket } from '../packet/schema.js';
import { inTimeOrder } from '../packet/timeline.js';
import { summarizeGates } from '../packet/verdict.js';
import { ObserveError } from './errors.js';

/** What marks a check, an evidence item and a grade as coming from the observed traffic. */
export const OBSERVED_LABEL = 'partner traffic';

type Check = GateResult['checks'][number];

/**
 * One gate of both runs: the rehearsal's checks, plus every check the observed traffic ran (a check the
 * traffic could not run adds nothing: the rehearsal ran it). Fail if either run failed a check; pass only
 * when every remaining check passed. Merging never turns a verdict kinder than the rehearsal's alone.
 */
function mergeGate(rehearsed: GateResult, observed: GateResult | undefined): GateResult {
  if (!observed) return rehearsed;
  const added: Check[] = observed.checks
    .filter((check) => check.verdict !== 'not_run')
    .map((check) => ({ ...check, detail: `[${OBSERVED_LABEL}] ${check.detail}` }));
  if (added.length === 0) return rehearsed;
  const checks = [...rehearsed.checks, ...added];
  const failed = checks.filter((check) => check.verdict === 'fail');
  const skipped = checks.filter((check) => check.verdict === 'not_run');
  const verdict = failed.length > 0 ? 'fail' : skipped.length > 0 || checks.length === 0 ? 'not_run' : 'pass';
  const reason =
    verdict === 'fail'
      ? failed.map((check) => check.detail).join(' ')
      : verdict === 'not_run'
        ? rehearsed.reason
        : `All ${checks.length} checks passed (${rehearsed.checks.length} by the rehearsal, ${added.length} by the partner's traffic).`;
  return {
    ...rehearsed,
    verdict,
    reason,
    checks,
    evidence: [
      ...rehearsed.evidence,
      ...observed.evidence.map((item) => ({ ...item, label: `${OBSERVED_LABEL}: ${item.label}` })),
    ],
    requestIds: [...new Set([...rehearsed.requestIds, ...observed.requestIds])],
  };
}

/**
 * Merges an `observe` packet into a `rehearse` packet of the same target, host and contract pin: per gate
 * the rehearsal's checks plus the checks the partner's traffic ran (a failure in either fails the gate),
 * the grades, log lines and timelines of both. The result is the rehearsal's run, its evidence label
 * naming the observed traffic too. Throws ObserveError (OBSERVE_ERR_PACKET_MERGE) for packets of
 * different targets, or when the second is not an observe packet.
 */
export function mergeObservedPacket(rehearsal: LaunchPacket, observed: LaunchPacket): LaunchPacket {
  const problems = [
    ...(rehearsal.run.mode === 'observe' ? ['the first packet must come from rehearse or smoke'] : []),
    ...(observed.run.mode !== 'observe' ? ['the second packet must come from observe'] : []),
    ...(rehearsal.target.kind !== observed.target.kind
      ? [`targets differ (${rehearsal.target.kind} vs ${observed.target.kind})`]
      : []),
    ...(rehearsal.target.host !== observed.target.host
      ? [`hosts differ (${rehearsal.target.host} vs ${observed.target.host})`]
      : []),
    ...(rehearsal.contract.pinnedHash !== observed.contract.pinnedHash
      ? [`contract pins differ (${rehearsal.contract.pinnedHash} vs ${observed.contract.pinnedHash})`]
      : []),
  ];
  if (problems.length > 0)
    throw new ObserveError(
      'OBSERVE_ERR_PACKET_MERGE',
      `Cannot merge these packets: ${problems.join('; ')}. Merge a rehearse packet with the observe packet of the same host and pin.`,
    );
  const gates = rehearsal.gates.map((gate) =>
    mergeGate(
      gate,
      observed.gates.find((other) => other.id === gate.id),
    ),
  );
  const { verdict, summary } = summarizeGates(gates);
  const merged: LaunchPacket = {
    ...rehearsal,
    gates,
    verdict,
    summary,
    grades: [...rehearsal.grades, ...observed.grades],
    logFields: [...rehearsal.logFields, ...observed.logFields],
    timeline: inTimeOrder([...rehearsal.timeline, ...observed.timeline]),
  };
  const scope = evidenceScope(merged);
  return { ...merged, evidence: { ...scope, label: `${scope.label} + ${observed.evidence.label}` } };
}
