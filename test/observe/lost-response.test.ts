import { describe, expect, it } from 'vitest';
import { nodeClientCommand } from '../../examples/partner-clients/src/commands.js';
import type { LaunchPacket } from '../../harness/packet/index.js';
import { observeScenario } from './support/observe-scenario.js';

// Only a proxy can lose an answer after the write ran upstream: the claim exists, the client saw a
// dropped connection. Its retry must carry the same Idempotency-Key and get the replay.
const LOST_CLAIM = [{ kind: 'lost_response', match: { operationId: 'createClaim' } }] as const;
const only = { extraFaults: LOST_CLAIM, schedule: false, receiverReport: false } as const;

const check = (packet: LaunchPacket, id: string) =>
  packet.grades.find((report) => report.grader === 'observe-client')?.checks.find((c) => c.id === id);
const gateCheck = (packet: LaunchPacket, name: string) =>
  packet.gates.find((gate) => gate.id === 'traceability-and-idempotency')?.checks.find((c) => c.name === name);

describe.concurrent('the lost-response fault', () => {
  it('catches a client that retries the write under a new key, naming both request ids', async () => {
    const run = await observeScenario(nodeClientCommand(['new-key-per-retry']), only);
    const retry = check(run.packet, 'idempotent-write-retry');
    expect(retry?.verdict).toBe('fail');
    expect(retry?.reason).toMatch(
      /POST \/v1\/claims ran upstream as (req_\w+) and its answer was lost; the retry (req_\w+) carried a new Idempotency-Key, so the write ran a second time \(requests \1 and \2\)/,
    );
    const replay = gateCheck(run.packet, 'replay is marked as replayed');
    expect(replay?.verdict).toBe('fail');
    expect(replay?.detail).toMatch(
      /ran as req_\w+, its answer was lost, and the retry req_\w+ was not a replay \(a new Idempotency-Key\)/,
    );
    expect(gateCheck(run.packet, 'replay returns the same claim')?.verdict).toBe('fail');
    expect(run.code).toBe(1);
  }, 120_000);

  it('passes a client that retries with the same key and is answered with the replay', async () => {
    const run = await observeScenario(nodeClientCommand(), only);
    expect(check(run.packet, 'idempotent-write-retry')?.verdict).toBe('pass');
    expect(gateCheck(run.packet, 'replay is marked as replayed')?.verdict).toBe('pass');
    expect(gateCheck(run.packet, 'replay returns the same claim')?.verdict).toBe('pass');
    const lost = run.packet.logFields.find((line) => line.step === 'fault: lost_response');
    expect(lost).toMatchObject({ operationId: 'createClaim', status: null });
  }, 120_000);
});
