import { describe, expect, it } from 'vitest';
import { samplePacket } from '../../test/support/sample-packet.js';
import type { GateResult, LaunchPacket } from '../packet/schema.js';
import { validateLaunchPacket } from '../packet/validate-packet.js';
import { isObserveError } from './errors.js';
import { mergeObservedPacket } from './merge-packets.js';

const rehearsal = samplePacket();
const gateWith = (packet: LaunchPacket, verdict: GateResult['verdict']) => {
  const gate = packet.gates.find((candidate) => candidate.verdict === verdict);
  if (!gate) throw new Error(`the sample has no ${verdict} gate`);
  return gate;
};

/** An observe packet of the same host and pin, each gate with one check of the given verdict. */
function observed(verdicts: Partial<Record<GateResult['id'], GateResult['verdict']>>): LaunchPacket {
  return {
    ...rehearsal,
    run: { ...rehearsal.run, id: 'observed', mode: 'observe' },
    gates: rehearsal.gates.map((gate) => {
      const verdict = verdicts[gate.id] ?? 'not_run';
      const name = gate.checks[0]?.name ?? 'unnamed';
      return {
        ...gate,
        verdict,
        reason: `observed ${verdict}`,
        checks: [{ name, verdict, detail: `observed ${verdict}` }],
        evidence: [{ label: 'exchange', value: 'GET /v1/x -> 200; requestId req_observed' }],
        requestIds: ['req_observed'],
      };
    }),
    grades: [{ ...rehearsal.grades[0], grader: 'observe-client' } as LaunchPacket['grades'][number]],
    evidence: {
      ...rehearsal.evidence,
      label: 'partner traffic through the observe proxy to sandbox sandbox.dutyclaims.example',
    },
  };
}

describe('mergeObservedPacket', () => {
  it("fails a gate the rehearsal passed when the partner's traffic failed one of its checks", () => {
    const passed = gateWith(rehearsal, 'pass');
    const merged = validateLaunchPacket(mergeObservedPacket(rehearsal, observed({ [passed.id]: 'fail' })));
    const gate = merged.gates.find((candidate) => candidate.id === passed.id);
    expect(gate?.verdict).toBe('fail');
    expect(gate?.checks.at(-1)?.detail).toBe('[partner traffic] observed fail');
    expect(gate?.evidence.at(-1)?.label).toBe('partner traffic: exchange');
    expect(gate?.requestIds).toContain('req_observed');
    expect(merged.summary.fail).toBe(rehearsal.summary.fail + 1);
  });

  it('adds nothing for a check the traffic could not run, and never turns a verdict kinder', () => {
    const passed = gateWith(rehearsal, 'pass');
    const skipped = gateWith(rehearsal, 'not_run');
    const merged = mergeObservedPacket(rehearsal, observed({ [skipped.id]: 'pass' }));
    expect(merged.gates.find((gate) => gate.id === passed.id)).toEqual(passed);
    expect(merged.gates.find((gate) => gate.id === skipped.id)?.verdict).toBe('not_run');
    expect(merged.verdict).toBe('not_ready');
  });

  it('keeps both grades, log lines and timelines, and names both evidence sources', () => {
    const merged = validateLaunchPacket(mergeObservedPacket(rehearsal, observed({})));
    expect(merged.grades.map((report) => report.grader)).toEqual([
      ...rehearsal.grades.map((report) => report.grader),
      'observe-client',
    ]);
    expect(merged.run.mode).toBe('rehearsal');
    expect(merged.evidence.label).toBe(
      'sandbox rehearsal on sandbox.dutyclaims.example + partner traffic through the observe proxy to sandbox sandbox.dutyclaims.example',
    );
    expect(merged.logFields).toHaveLength(rehearsal.logFields.length * 2);
  });

  it.each([
    ['another host', { target: { ...rehearsal.target, host: 'other.example' } }, /hosts differ/],
    ['another pin', { contract: { ...rehearsal.contract, pinnedHash: 'ffffffffffffffff' } }, /contract pins differ/],
    ['a rehearse packet as the second', { run: rehearsal.run }, /must come from observe/],
  ])('refuses %s with OBSERVE_ERR_PACKET_MERGE', (_, change, message) => {
    const other = { ...observed({}), ...change } as LaunchPacket;
    const attempt = () => mergeObservedPacket(rehearsal, other);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect(isObserveError(error) && error.code).toBe('OBSERVE_ERR_PACKET_MERGE');
    }
  });
});
