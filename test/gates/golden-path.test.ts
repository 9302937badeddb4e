import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHarnessConfig } from '../../harness/config/index.js';
import { LaunchPacket, writeLaunchPacket } from '../../harness/packet/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { runLaunchRehearsal } from '../../harness/rehearsal/index.js';
import { EMBEDDED_MOCK_TIMELINE } from '../../harness/rehearsal/target.js';

describe('the golden path on the embedded reference mock', () => {
  it('passes all six gates with evidence behind each verdict', async () => {
    const steps: string[] = [];
    const { packet, secrets } = await runLaunchRehearsal({
      config: loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: mkdtempSync(join(tmpdir(), 'dc-golden-')) }),
      onStep: (step) => steps.push(`${step.step}:${step.ok}`),
    });
    expect(packet.gates.map((gate) => [gate.id, gate.verdict, gate.reason])).toEqual(
      packet.gates.map((gate) => [gate.id, 'pass', gate.reason]),
    );
    expect(packet.verdict).toBe('ready');
    expect(steps).toEqual(['1:true', '2:true', '3:true', '4:true', '5:true', '6:true', '7:true']);
    for (const gate of packet.gates) {
      expect(gate.requestIds.length, gate.id).toBeGreaterThan(0);
      expect(gate.evidence.length, gate.id).toBeGreaterThan(0);
    }
    const write = packet.logFields.find((fields) => fields.operationId === 'createClaim' && !fields.replayed);
    expect(write).toMatchObject({
      requestId: expect.stringMatching(/^req_/),
      idempotencyKey: expect.any(String),
      partnerOrgId: packet.target.partnerOrgId,
    });
    expect(write?.ids).toMatchObject({ clientId: expect.stringMatching(/^cli_/) });
    expect(packet.escalation).toMatchObject({
      claimId: expect.stringMatching(/^clm_/),
      jobId: expect.stringMatching(/^job_/),
    });
    expect(packet.webhook.secretPrefix).toMatch(/^whsec_/);
    expect(packet.webhook.deliveryIds.length).toBeGreaterThanOrEqual(2);
    expect(secrets.length).toBe(2);
  });

  it('moves the claim at the embedded pace, every status still read back and delivered in order', async () => {
    const { observations } = await runLaunchRehearsal({
      config: loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: mkdtempSync(join(tmpdir(), 'dc-pace-')) }),
    });
    const status = observations.status;
    if (!status?.ok) throw new Error('no status read');
    // The history's times are the mock's schedule (creation + offsets), not when the run looked.
    const history = status.value.history;
    const offsets = history.map((change) => Date.parse(change.at) - Date.parse(history[0]?.at ?? ''));
    expect(history.map((change) => change.status)).toEqual(['received', 'validating', 'submitted', 'accepted']);
    expect(offsets).toEqual([
      0,
      EMBEDDED_MOCK_TIMELINE.validatingAfterMs,
      EMBEDDED_MOCK_TIMELINE.submittedAfterMs,
      EMBEDDED_MOCK_TIMELINE.decidedAfterMs,
    ]);
    const delivered = observations.claimDeliveries.map((entry) =>
      entry.event?.type === 'claim.status_changed' ? entry.event.data.status : null,
    );
    expect(delivered).toEqual(['received', 'validating', 'submitted', 'accepted']);
  });

  it('smoke runs are read-only: no write reaches the provider and write gates are not run', async () => {
    await using mock = await startReferenceMock();
    const config = {
      ...loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: mkdtempSync(join(tmpdir(), 'dc-smoke-')) }),
      readOnly: true,
      mode: 'smoke' as const,
    };
    const { packet, secrets } = await runLaunchRehearsal({ config, mock });
    const journal = await mock.control.journal();
    expect(journal.length).toBeGreaterThan(0);
    expect(journal.filter((entry) => entry.method !== 'GET')).toEqual([]);
    expect(Object.fromEntries(packet.gates.map((gate) => [gate.id, gate.verdict]))).toEqual({
      'environment-and-contract-pin': 'pass',
      'credential-and-header-discipline': 'pass',
      'traceability-and-idempotency': 'not_run',
      'webhook-readiness': 'not_run',
      'golden-path-rehearsal': 'not_run',
      'support-and-rollback-packet': 'not_run',
    });
    expect(packet.verdict).toBe('not_ready');
    const dir = mkdtempSync(join(tmpdir(), 'dc-smoke-packet-'));
    const written = await writeLaunchPacket(packet, dir, { junit: true, secrets });
    expect(LaunchPacket.parse(JSON.parse(readFileSync(written.json, 'utf8'))).run.readOnly).toBe(true);
  });
});
