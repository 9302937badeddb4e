import { describe, expect, it } from 'vitest';
import { nodeClientCommand, pythonClientCommand } from '../../examples/partner-clients/src/commands.js';
import { GATE_IDS } from '../../harness/gates/index.js';
import { CLIENT_CHECKS } from '../../harness/grading/client/index.js';
import type { LaunchPacket } from '../../harness/packet/index.js';
import { explain } from '../grading/support/explain.js';
import { hasPython, needsPython } from '../grading/support/python.js';
import { observeScenario } from './support/observe-scenario.js';

// A correct partner client's own flow through `observe`, the reference mock standing in for sandbox:
// the six gates come from its traffic (the receiver's verification from a grade-webhook report), the
// client-grading checks from the same journal, with the grading scenario's faults injected by the proxy
// and a claim write whose answer is lost after it ran.
const LOST_CLAIM = [{ kind: 'lost_response', match: { operationId: 'createClaim' } }] as const;

function expectEverythingPassed(packet: LaunchPacket) {
  for (const gate of packet.gates) expect(gate.verdict, `${gate.id}: ${gate.reason}`).toBe('pass');
  expect(packet.gates.map((gate) => gate.id)).toEqual(GATE_IDS);
  const grades = packet.grades.find((report) => report.grader === 'observe-client');
  for (const { id } of CLIENT_CHECKS) {
    const check = grades?.checks.find((candidate) => candidate.id === id);
    // Key rotation needs the grader to hand the client a new key (grade-client step 7): a proxy cannot.
    expect(check?.verdict, explain(check)).toBe(id === 'key-rotation' ? 'not_graded' : 'pass');
  }
  expect(packet.verdict).toBe('ready');
}

describe.concurrent('a correct partner client observed against sandbox', () => {
  it('TypeScript: every gate and every grading check pass, and the packet says where the evidence came from', async () => {
    const run = await observeScenario(nodeClientCommand(), { extraFaults: LOST_CLAIM });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expectEverythingPassed(run.packet);
    expect(run.packet.run.mode).toBe('observe');
    expect(run.packet.evidence.label).toMatch(
      /^partner traffic through the observe proxy to sandbox 127\.0\.0\.1:\d+$/,
    );
    expect(run.packet.target.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const traceability = run.packet.gates.find((gate) => gate.id === 'traceability-and-idempotency');
    expect(traceability?.checks.map((check) => check.name)).toContain('replay returns the same claim');
    // Credentials pass through but are never written: the packet and the output hold a prefix at most.
    expect(JSON.stringify(run.packet) + run.stdout + run.stderr).not.toContain(run.apiKey);
    expect(run.packet.credential.prefix).toBe(run.apiKey.slice(0, 12));
  }, 120_000);

  it.skipIf(!hasPython)(
    needsPython('Python: every gate and every grading check pass'),
    async () => {
      const run = await observeScenario(pythonClientCommand(), { extraFaults: LOST_CLAIM });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expectEverythingPassed(run.packet);
    },
    120_000,
  );

  it('what the traffic did not show is not run, never a pass: the scenario alone, without the dry run or a receiver report', async () => {
    const run = await observeScenario(nodeClientCommand(), { dryRun: false, receiverReport: false });
    const verdicts = Object.fromEntries(run.packet.gates.map((gate) => [gate.id, gate.verdict]));
    expect(verdicts).toMatchObject({
      'environment-and-contract-pin': 'not_run',
      'traceability-and-idempotency': 'not_run',
      'webhook-readiness': 'not_run',
    });
    expect(run.packet.verdict).toBe('not_ready');
    const webhook = run.packet.gates.find((gate) => gate.id === 'webhook-readiness');
    expect(webhook?.reason).toMatch(/did not show POST \/v1\/webhooks\/endpoints/);
    const traceability = run.packet.gates.find((gate) => gate.id === 'traceability-and-idempotency');
    expect(traceability?.reason).toMatch(/lost_response/);
  }, 120_000);
});
