import { GATE_IDS } from '../gates/catalog.js';
import type { GateResult, LaunchPacket, Verdict } from './schema.js';

/** How a gate or check verdict reads to a person; never colour alone. */
export const VERDICT_LABELS = { pass: 'PASS', fail: 'FAIL', not_run: 'NOT RUN' } as const satisfies Record<
  Verdict,
  string
>;

export const PACKET_VERDICT_LABELS = { ready: 'READY', not_ready: 'NOT READY' } as const satisfies Record<
  LaunchPacket['verdict'],
  string
>;

/** The packet verdict and counts that a list of gate results implies. */
export interface GateSummary {
  readonly verdict: LaunchPacket['verdict'];
  readonly summary: LaunchPacket['summary'];
}

/**
 * Derives the packet verdict: `ready` only when every checklist gate is present and passed, so a gate
 * that was not run (or is missing) keeps the packet from being ready.
 */
export function summarizeGates(gates: readonly Pick<GateResult, 'id' | 'verdict'>[]): GateSummary {
  const count = (verdict: Verdict) => gates.filter((gate) => gate.verdict === verdict).length;
  const summary = { pass: count('pass'), fail: count('fail'), notRun: count('not_run') };
  const allPassed = GATE_IDS.every((id) => gates.some((gate) => gate.id === id && gate.verdict === 'pass'));
  const ready = allPassed && summary.fail === 0 && summary.notRun === 0;
  return { verdict: ready ? 'ready' : 'not_ready', summary };
}

/** Whether the contract hash the provider served is the one the harness was pinned to. */
export type ContractMatch = 'match' | 'mismatch' | 'not_read';

/** Compares the pinned and served contract hashes. */
export const contractMatch = (contract: LaunchPacket['contract']): ContractMatch => {
  if (contract.servedHash === null) return 'not_read';
  return contract.servedHash === contract.pinnedHash ? 'match' : 'mismatch';
};
