import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHarnessConfig } from '../../harness/config/index.js';
import { CONTRACT_PIN } from '../../harness/contract/pin.js';
import type { GateId } from '../../harness/gates/index.js';
import type { LaunchPacket } from '../../harness/packet/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { runLaunchRehearsal } from '../../harness/rehearsal/index.js';
import { gatewayReserialisingDeliveries } from '../support/misbehaving-receivers.js';
import { startRewritingProxy } from '../support/rewriting-proxy.js';

const verdicts = (packet: LaunchPacket) => Object.fromEntries(packet.gates.map((gate) => [gate.id, gate.verdict]));
const gate = (packet: LaunchPacket, id: GateId) => {
  const found = packet.gates.find((item) => item.id === id);
  if (!found) throw new Error(`no ${id} in packet`);
  return found;
};
const outDir = () => mkdtempSync(join(tmpdir(), 'dc-gates-'));

describe('each gate can fail', () => {
  it('environment and contract pin: the provider serves another contract hash', async () => {
    await using mock = await startReferenceMock({ contractHash: '0123456789abcdef' });
    const { packet } = await runLaunchRehearsal({ config: loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: outDir() }), mock });
    const pin = gate(packet, 'environment-and-contract-pin');
    expect(pin.verdict).toBe('fail');
    expect(pin.reason).toContain('0123456789abcdef');
    expect(packet.verdict).toBe('not_ready');
  });

  it('credential discipline: a sandbox key aimed at a production host is refused before any request', async () => {
    await using production = await startReferenceMock({ environment: 'production' });
    await using sandbox = await startReferenceMock();
    const config = loadHarnessConfig({
      DUTYCLAIMS_TARGET: 'production',
      DUTYCLAIMS_BASE_URL: production.url,
      DUTYCLAIMS_PARTNER_ORG_ID: production.personas.production.partnerOrgId,
      DUTYCLAIMS_API_KEY: sandbox.personas.sandbox.apiKey,
      DUTYCLAIMS_CONTRACT_HASH: CONTRACT_PIN.hash,
      DUTYCLAIMS_OUT_DIR: outDir(),
    });
    const { packet } = await runLaunchRehearsal({ config });
    expect(gate(packet, 'credential-and-header-discipline').verdict).toBe('fail');
    expect(gate(packet, 'credential-and-header-discipline').reason).toMatch(/No request was sent/);
    expect(await production.control.journal()).toEqual([]);
    expect(packet.gates.filter((item) => item.verdict === 'pass')).toEqual([]);
  });

  it('traceability and idempotency: a proxy strips Idempotency-Key from writes', async () => {
    await using mock = await startReferenceMock();
    await using proxy = await startRewritingProxy({ target: mock.url, dropRequestHeaders: ['idempotency-key'] });
    const { packet } = await runLaunchRehearsal({
      config: loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: outDir() }),
      mock: { url: proxy.url, personas: mock.personas },
    });
    const traceability = gate(packet, 'traceability-and-idempotency');
    expect(traceability.verdict).toBe('fail');
    expect(traceability.reason).toContain('missing_idempotency_key');
    expect(gate(packet, 'golden-path-rehearsal').verdict).toBe('fail');
  });

  it('webhook readiness: a gateway re-serialises the delivery body, so the signature no longer matches', async () => {
    const packet = await gatewayReserialisingDeliveries();
    const webhook = gate(packet, 'webhook-readiness');
    expect(webhook.verdict).toBe('fail');
    expect(webhook.reason).toContain('WEBHOOK_SIGNATURE_MISMATCH');
  });

  it('golden path: authority is never granted', async () => {
    await using mock = await startReferenceMock();
    await mock.control.setAuthorityRule({ mode: 'never' });
    const config = loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: outDir(), DUTYCLAIMS_WAIT_TIMEOUT_MS: '300' });
    const { packet } = await runLaunchRehearsal({ config, mock });
    const golden = gate(packet, 'golden-path-rehearsal');
    expect(golden.verdict).toBe('fail');
    expect(golden.reason).toMatch(/Authority is pending/);
    expect(gate(packet, 'traceability-and-idempotency').verdict).toBe('not_run');
  });

  it('golden path: a status read that disagrees with the deliveries', async () => {
    await using mock = await startReferenceMock();
    await using proxy = await startRewritingProxy({
      target: mock.url,
      rewriteResponseBody: (path, body) =>
        path.endsWith('/status') ? body.replace('"status":"accepted"', '"status":"rejected"') : body,
    });
    const config = loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: outDir(), DUTYCLAIMS_WAIT_TIMEOUT_MS: '2000' });
    const { packet } = await runLaunchRehearsal({ config, mock: { url: proxy.url, personas: mock.personas } });
    const golden = gate(packet, 'golden-path-rehearsal');
    expect(golden.verdict).toBe('fail');
    expect(golden.checks.find((item) => item.name === 'deliveries agree with the status read')?.verdict).toBe('fail');
  });

  it('credential discipline and support packet: owners are missing', async () => {
    await using mock = await startReferenceMock();
    const base = loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: outDir() });
    const config = {
      ...base,
      owners: { credentialRotation: null, secretStorage: null, rollback: null, cutover: null },
    };
    const { packet } = await runLaunchRehearsal({ config, mock });
    expect(verdicts(packet)).toMatchObject({
      'credential-and-header-discipline': 'fail',
      'support-and-rollback-packet': 'fail',
      'traceability-and-idempotency': 'pass',
    });
    expect(gate(packet, 'support-and-rollback-packet').reason).toContain('DUTYCLAIMS_CUTOVER_OWNER');
    expect(packet.escalation.cutoverOwner).toBeNull();
  });
});
