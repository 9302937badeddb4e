import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHarnessConfig } from '../../harness/config/index.js';
import type { LaunchPacket } from '../../harness/packet/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { runLaunchRehearsal } from '../../harness/rehearsal/index.js';
import { rehearseAgainst } from '../support/misbehaving-provider.js';
import { receiverKnowsOnlyTheOldSecret } from '../support/rotation-misbehaviours.js';

const outDir = () => mkdtempSync(join(tmpdir(), 'dc-rotation-'));
const credentialGate = (packet: LaunchPacket) => {
  const gate = packet.gates.find((item) => item.id === 'credential-and-header-discipline');
  if (!gate) throw new Error('no credential gate');
  return gate;
};
const rotationChecks = (packet: LaunchPacket) =>
  credentialGate(packet).checks.filter((item) => /rotation:/.test(item.name));

describe('key and secret rotation on the embedded mock', { timeout: 60_000 }, () => {
  it('rotates the key and the signing secret without a failed request, with prefixes and ids as evidence', async () => {
    await using mock = await startReferenceMock();
    const { packet, secrets } = await runLaunchRehearsal({
      config: loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: outDir(), DUTYCLAIMS_ROTATION: 'on' }),
      mock,
    });
    const checks = rotationChecks(packet);
    expect(checks.map((item) => [item.name, item.verdict, item.detail])).toEqual(
      checks.map((item) => [item.name, 'pass', item.detail]),
    );
    expect(checks).toHaveLength(4);
    expect(packet.verdict).toBe('ready');
    const gate = credentialGate(packet);
    const evidence = Object.fromEntries(gate.evidence.map((item) => [item.label, item.value]));
    expect(evidence['Rotation owner']).toBeDefined();
    expect(evidence['Requests served by the old key']).toMatch(/^req_/);
    expect(evidence['Requests served by the new key']).toMatch(/^req_/);
    expect(evidence['Old key after the grace']).toMatch(/401 credential_revoked/);
    expect(evidence['Secret rotation']).toMatch(/overlap: whd_/);
    expect(evidence['Secret rotation']).toMatch(/after the overlap: whd_/);
    // The rehearsal's two keys and the new signing secret are known secrets of the run, never in the packet.
    expect(secrets).toHaveLength(5);
    const text = JSON.stringify(packet);
    for (const secret of secrets) expect(text).not.toContain(secret);
    // The rehearsal's old key is really revoked on the provider; the configured key is never revoked.
    const journal = await mock.control.journal();
    expect(journal.some((entry) => entry.errorCode === 'credential_revoked')).toBe(true);
    const configured = mock.personas.sandbox.apiKey.slice(0, 12);
    expect(journal.filter((entry) => entry.credentialPrefix === configured && entry.status === 401)).toEqual([]);
  });

  it('never reports rotation as passed when it was not asked for: the gate says it was not run, and why', async () => {
    await using mock = await startReferenceMock();
    const { packet } = await runLaunchRehearsal({ config: loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: outDir() }), mock });
    expect(rotationChecks(packet)).toEqual([]);
    const gate = credentialGate(packet);
    const rotation = gate.evidence.find((item) => item.label === 'Key and secret rotation');
    expect(rotation?.value).toMatch(/^Not run: .*--rotation/);
    expect(gate.verdict).toBe('pass');
  });

  it('reports the rotation checks "not run" and does not pass the gate when asked for on a read-only run', async () => {
    await using mock = await startReferenceMock();
    const config = loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: outDir(), DUTYCLAIMS_ROTATION: 'on' });
    const { packet } = await runLaunchRehearsal({ config: { ...config, mode: 'smoke', readOnly: true }, mock });
    const checks = rotationChecks(packet);
    expect(checks.map((item) => item.verdict)).toEqual(['not_run', 'not_run', 'not_run', 'not_run']);
    expect(checks[0]?.detail).toMatch(/read-only/);
    expect(credentialGate(packet).verdict).toBe('not_run');
  });

  it('fails the secret-rotation check, naming the refused delivery, when the receiver only knows the old secret', async () => {
    const { packet } = await rehearseAgainst(receiverKnowsOnlyTheOldSecret);
    const secret = rotationChecks(packet).find((item) => item.name.startsWith('secret rotation'));
    expect(secret?.verdict).toBe('fail');
    expect(secret?.detail).toMatch(/whd_[0-9a-z]+ \(after-overlap: refused/);
    expect(packet.verdict).toBe('not_ready');
  });

  it('on a real target waits out a short grace the partner configures, in real time', async () => {
    const { packet } = await rehearseAgainst({
      target: 'sandbox',
      env: { DUTYCLAIMS_ROTATION: 'on', DUTYCLAIMS_ROTATION_GRACE_SECONDS: '1' },
    });
    const checks = rotationChecks(packet);
    expect(checks.map((item) => [item.name, item.verdict, item.detail])).toEqual(
      checks.map((item) => [item.name, 'pass', item.detail]),
    );
    const evidence = Object.fromEntries(credentialGate(packet).evidence.map((item) => [item.label, item.value]));
    expect(evidence['Key rotation']).toMatch(/1 s grace \(waited in real time\)/);
    // No clock to skip the 24 h overlap on a real target: the overlap is proven, not the expiry.
    expect(evidence['Secret rotation']).toMatch(/after the overlap: none/);
  });
});
