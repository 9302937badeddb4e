import { describe, expect, it } from 'vitest';
import { samplePacket } from '../../test/support/sample-packet.js';
import { isPacketValidationError, type PacketValidationError } from './errors.js';
import { validateLaunchPacket } from './validate-packet.js';

const validationError = (input: unknown): PacketValidationError => {
  try {
    validateLaunchPacket(input);
  } catch (error) {
    if (isPacketValidationError(error)) return error;
    throw error;
  }
  throw new Error('expected validateLaunchPacket to throw');
};

describe('validateLaunchPacket', () => {
  it('accepts the sample packet and returns it unchanged', () => {
    const packet = samplePacket();
    expect(validateLaunchPacket(packet)).toEqual(packet);
  });

  it('lists every schema issue with its path', () => {
    const packet = samplePacket();
    const broken = {
      ...packet,
      schemaVersion: 99,
      gates: packet.gates.map((gate, index) => (index === 3 ? { ...gate, verdict: 'skipped' } : gate)),
      artifacts: [{ ...packet.artifacts[0], sha256: 'not-a-hash' }],
    };
    const error = validationError(broken);
    expect(error.code).toBe('DC_ERR_PACKET_INVALID');
    expect(error.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['schemaVersion', 'gates[3].verdict', 'artifacts[0].sha256']),
    );
    expect(error.message).toContain('gates[3].verdict');
    expect(error.message).toContain('nothing was written');
  });

  it('refuses a packet that claims more evidence than its run can give', () => {
    const packet = samplePacket();
    const allPassed = {
      ...packet,
      verdict: 'ready' as const,
      summary: { pass: 6, fail: 0, notRun: 0 },
      gates: packet.gates.map((gate) => ({
        ...gate,
        verdict: 'pass' as const,
        checks: gate.checks.map((check) => ({ ...check, verdict: 'pass' as const })),
      })),
    };
    const live = { ...allPassed.evidence, supportsLiveTraffic: true };
    const onMock = validationError({ ...allPassed, target: { ...allPassed.target, kind: 'mock' }, evidence: live });
    expect(onMock.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['evidence.source', 'evidence.supportsLiveTraffic', 'evidence.unproven']),
    );
    const sandboxOAuth = validationError({
      ...allPassed,
      credential: { shape: 'oauth', prefix: 'cid_abc' },
      evidence: live,
    });
    expect(sandboxOAuth.issues.map((issue) => issue.path)).toEqual([
      'evidence.supportsLiveTraffic',
      'evidence.unproven',
    ]);
    expect(sandboxOAuth.message).toMatch(/production_credential/);
    const shipped = validationError({ ...packet, contract: { ...packet.contract, pinOrigin: 'shipped_contract' } });
    expect(shipped.issues).toEqual([expect.objectContaining({ path: 'contract.pinOrigin' })]);
    expect(validateLaunchPacket({ ...allPassed, evidence: live }).evidence.supportsLiveTraffic).toBe(true);
  });

  it('refuses a "ready" verdict when a gate failed or was not run', () => {
    const error = validationError({ ...samplePacket(), verdict: 'ready' });
    expect(error.issues).toEqual([expect.objectContaining({ path: 'verdict' })]);
  });

  it('refuses counts that disagree with the gates', () => {
    const error = validationError({ ...samplePacket(), summary: { pass: 6, fail: 0, notRun: 0 } });
    expect(error.issues.map((issue) => issue.path)).toEqual(['summary.pass', 'summary.fail', 'summary.notRun']);
  });

  it('refuses a gate marked pass whose check failed, and repeated gates', () => {
    const packet = samplePacket();
    const [first, second] = packet.gates;
    if (!first || !second) throw new Error('sample has gates');
    const lying = { ...second, checks: [...second.checks, { name: 'x', verdict: 'fail' as const, detail: 'x' }] };
    const error = validationError({
      ...packet,
      gates: [first, lying, ...packet.gates.slice(2), first],
      summary: { pass: 4, fail: 2, notRun: 1 },
    });
    expect(error.issues.map((issue) => issue.path)).toEqual(['gates[1].verdict', 'gates[6].id']);
  });

  it('never puts packet values in the message', () => {
    const secretish = 'dc_live_k7m2q9x4p8v3w6z1n5b0c2d4f6g8h0j2';
    const packet = samplePacket();
    const error = validationError({ ...packet, credential: { shape: 42, prefix: secretish } });
    expect(error.message).not.toContain(secretish.slice(0, 14));
  });

  it('reads a packet written before grades existed as having none', () => {
    const { grades: _dropped, ...older } = samplePacket();
    expect(validateLaunchPacket(older).grades).toEqual([]);
    expect(validateLaunchPacket(structuredClone(older)).grades).not.toBe(validateLaunchPacket(older).grades);
  });

  it('refuses a grade report that does not match the grader schema, with its path', () => {
    const packet = samplePacket();
    const [report] = packet.grades;
    if (!report) throw new Error('sample has a grade report');
    const broken = {
      ...packet,
      grades: [
        {
          ...report,
          checks: report.checks.map((check, index) => (index === 1 ? { ...check, verdict: 'skipped' } : check)),
        },
      ],
    };
    expect(validationError(broken).issues.map((issue) => issue.path)).toEqual(['grades[0].checks[1].verdict']);
  });

  it('keeps a packet whose gates all passed ready, even with a failed grade check', () => {
    const packet = samplePacket();
    const ready = {
      ...packet,
      gates: packet.gates.map((gate) => ({
        ...gate,
        verdict: 'pass' as const,
        checks: gate.checks.map((check) => ({ ...check, verdict: 'pass' as const })),
      })),
      verdict: 'ready' as const,
      summary: { pass: 6, fail: 0, notRun: 0 },
    };
    expect(ready.grades[0]?.checks.some((check) => check.verdict === 'fail')).toBe(true);
    expect(validateLaunchPacket(ready).verdict).toBe('ready');
  });
});

describe('validateLaunchPacket: a pass needs checks behind it', () => {
  it('refuses a passing gate with no checks, or with a check that was not run', () => {
    const packet = samplePacket();
    const gates = packet.gates.map((gate) => ({ ...gate, verdict: 'pass' as const, checks: [] }));
    const allPass = {
      ...packet,
      gates,
      verdict: 'ready' as const,
      summary: { pass: gates.length, fail: 0, notRun: 0 },
    };
    expect(() => validateLaunchPacket(allPass)).toThrow(/no checks behind it/);
    const skipped = gates.map((gate) => ({
      ...gate,
      checks: [{ name: 'x', verdict: 'not_run' as const, detail: 'skipped' }],
    }));
    expect(() => validateLaunchPacket({ ...allPass, gates: skipped })).toThrow(/not every one of its checks passed/);
  });
});
