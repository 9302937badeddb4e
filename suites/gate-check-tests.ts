import { catalogCheckOf, GATE_CHECKS, type GateId } from '../harness/gates/catalog.js';
import type { GateResult } from '../harness/packet/schema.js';

/** A catalogue check as a short test name: `{family}` and `{path}` stand for every instance the run reports. */
export const checkTestName = (catalogName: string): string =>
  catalogName
    .replace('{family}', 'each route family')
    .replace('pact {path}', 'each pact')
    .replace('{path}', 'each file');

/** The catalogue checks of a gate, in catalogue order. */
export const catalogChecks = (gate: GateId): readonly string[] => GATE_CHECKS[gate];

/** What one catalogue check amounts to in a run: the instances the gate reported for it. */
export interface CheckOutcome {
  readonly verdict: 'pass' | 'fail' | 'not_run';
  /** Why it failed or was not run; for a pass, what was seen. */
  readonly reason: string;
  /** One line per instance the gate reported, `verdict name: detail`. */
  readonly lines: readonly string[];
}

/**
 * The outcome of `catalogName` in `gate`: failed when any instance failed, not run when the gate
 * reported none (or only unchecked ones), passed only when every instance it reported passed.
 */
export function checkOutcome(gate: GateResult, catalogName: string): CheckOutcome {
  const instances = gate.checks.filter((item) => catalogCheckOf(gate.id as GateId, item.name) === catalogName);
  const lines = instances.map((item) => `${item.verdict} ${item.name}: ${item.detail}`);
  const failed = instances.filter((item) => item.verdict === 'fail');
  if (failed.length > 0)
    return { verdict: 'fail', reason: failed.map((item) => `${item.name}: ${item.detail}`).join('\n'), lines };
  if (instances.length === 0) {
    if (gate.verdict === 'not_run') return { verdict: 'not_run', reason: `Not run: ${gate.reason}`, lines };
    // A check the run was not asked to perform (key rotation without --rotation): the gate's evidence
    // says why and how to ask for it; pass that on instead of a bare "not performed".
    const said = gate.evidence
      .filter((item) => item.value.startsWith('Not run:'))
      .map((item) => `${item.label}: ${item.value.slice('Not run:'.length).trim()}`);
    const why = said.length > 0 ? ` (${said.join(' ')})` : '';
    return { verdict: 'not_run', reason: `Not run: this run did not perform it${why}`, lines };
  }
  const unchecked = instances.filter((item) => item.verdict !== 'pass');
  if (unchecked.length > 0)
    return {
      verdict: 'not_run',
      reason: unchecked.map((item) => `Not run: ${item.name}: ${item.detail}`).join('\n'),
      lines,
    };
  return { verdict: 'pass', reason: lines.join('\n'), lines };
}
