import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHarnessConfig } from '../../harness/config/index.js';
import { findFreePort } from '../../harness/container/free-port.js';
import { CONTRACT_PIN } from '../../harness/contract/pin.js';
import { type LaunchPacket, renderJunit, renderMarkdown } from '../../harness/packet/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { runLaunchRehearsal } from '../../harness/rehearsal/index.js';
import { partnerReceiverAnswering } from '../support/misbehaving-receivers.js';

const verdicts = (packet: LaunchPacket) => Object.fromEntries(packet.gates.map((gate) => [gate.id, gate.verdict]));
const outDir = () => mkdtempSync(join(tmpdir(), 'dc-targets-'));
const ALL_PASS = {
  'environment-and-contract-pin': 'pass',
  'credential-and-header-discipline': 'pass',
  'traceability-and-idempotency': 'pass',
  'webhook-readiness': 'pass',
  'golden-path-rehearsal': 'pass',
  'support-and-rollback-packet': 'pass',
};
/** Sandbox and production pin the contract from the partner's artifacts; here, the hash the mock serves. */
const owners = {
  DUTYCLAIMS_CONTRACT_HASH: CONTRACT_PIN.hash,
  DUTYCLAIMS_ROTATION_OWNER: 'platform-team@partner.example',
  DUTYCLAIMS_SECRET_STORAGE: 'vault:kv/dutyclaims/sandbox',
  DUTYCLAIMS_ROLLBACK_OWNER: 'oncall@partner.example',
  DUTYCLAIMS_CUTOVER_OWNER: 'launch-lead@partner.example',
};

describe('targets other than the embedded mock', { timeout: 90_000 }, () => {
  it('sandbox with an API key and a public URL for the harness receiver passes every gate', async () => {
    await using sandbox = await startReferenceMock();
    const port = await findFreePort();
    const config = loadHarnessConfig({
      ...owners,
      DUTYCLAIMS_TARGET: 'sandbox',
      DUTYCLAIMS_BASE_URL: sandbox.url,
      DUTYCLAIMS_PARTNER_ORG_ID: sandbox.personas.sandbox.partnerOrgId,
      DUTYCLAIMS_API_KEY: sandbox.personas.sandbox.apiKey,
      DUTYCLAIMS_RECEIVER_PORT: String(port),
      DUTYCLAIMS_WEBHOOK_PUBLIC_URL: `http://127.0.0.1:${port}/webhooks/dutyclaims`,
      DUTYCLAIMS_OUT_DIR: outDir(),
    });
    const { packet } = await runLaunchRehearsal({ config });
    expect(verdicts(packet)).toEqual(ALL_PASS);
    expect(packet.owners.cutover).toBe('launch-lead@partner.example');
    expect(packet.contract.pinOrigin).toBe('partner_contract_hash');
    expect(packet.evidence).toMatchObject({ source: 'live_target', supportsLiveTraffic: true, unproven: [] });
  });

  it('sandbox with OAuth client credentials is READY for sandbox but names the production smoke that would prove the live flow', async () => {
    await using sandbox = await startReferenceMock();
    const port = await findFreePort();
    const { clientId, clientSecret } = sandbox.personas.sandbox.oauthClient;
    const config = loadHarnessConfig({
      ...owners,
      DUTYCLAIMS_TARGET: 'sandbox',
      DUTYCLAIMS_BASE_URL: sandbox.url,
      DUTYCLAIMS_PARTNER_ORG_ID: sandbox.personas.sandbox.partnerOrgId,
      DUTYCLAIMS_OAUTH_CLIENT_ID: clientId,
      DUTYCLAIMS_OAUTH_CLIENT_SECRET: clientSecret,
      DUTYCLAIMS_RECEIVER_PORT: String(port),
      DUTYCLAIMS_WEBHOOK_PUBLIC_URL: `http://127.0.0.1:${port}/webhooks/dutyclaims`,
      DUTYCLAIMS_OUT_DIR: outDir(),
    });
    const { packet, secrets } = await runLaunchRehearsal({ config });
    expect(verdicts(packet)).toEqual(ALL_PASS);
    expect(packet.credential.shape).toBe('oauth');
    expect(secrets).toContain(clientSecret);
    expect(packet.verdict).toBe('ready');
    // Sandbox OAuth is not proof of a production flow: the production credential (dc_live_ key) is unproven.
    expect(packet.evidence.supportsLiveTraffic).toBe(false);
    expect(packet.evidence.unproven).toEqual([
      expect.objectContaining({
        id: 'production_credential',
        proveWith: expect.stringMatching(/DUTYCLAIMS_TARGET=production .*dc_live_.*dutyclaims-launch smoke$/),
      }),
    ]);
    const markdown = renderMarkdown(packet);
    expect(markdown).not.toMatch(/supports asking for live traffic/);
    expect(markdown.split('\n')[0]).toMatch(/READY for sandbox · not yet evidence for live traffic/);
    expect(renderJunit(packet)).toMatch(/<testsuites name="[^"]*READY for sandbox · not yet evidence for live traffic/);
  });

  const withPartnerReceiver = partnerReceiverAnswering;
  const gateOf = (packet: LaunchPacket, id: string) => packet.gates.find((gate) => gate.id === id);

  it("sandbox with the partner's own receiver confirms delivery through the log but never claims verification", async () => {
    const packet = await withPartnerReceiver(204);
    const webhook = gateOf(packet, 'webhook-readiness');
    expect(webhook?.verdict).toBe('not_run');
    expect(webhook?.checks.find((check) => check.name === 'delivery acknowledged by your receiver')?.verdict).toBe(
      'pass',
    );
    expect(webhook?.reason).toContain('grade-webhook');
    const golden = gateOf(packet, 'golden-path-rehearsal');
    expect(golden?.verdict).toBe('not_run');
    expect(golden?.checks.find((check) => check.name === 'deliveries agree with the status read')?.detail).toMatch(
      /shows [3-9] succeeded claim.status_changed deliveries/,
    );
    expect(verdicts(packet)).toMatchObject({
      'traceability-and-idempotency': 'pass',
      'support-and-rollback-packet': 'pass',
    });
    expect(packet.verdict).toBe('not_ready');
  });

  it("sandbox with the partner's own receiver failing its deliveries fails the webhook and golden-path gates", async () => {
    const packet = await withPartnerReceiver(500);
    expect(gateOf(packet, 'webhook-readiness')?.verdict).toBe('fail');
    expect(gateOf(packet, 'golden-path-rehearsal')?.verdict).toBe('fail');
  });

  it('production smoke with a read-only live key reads only and reports the write gates as not run', async () => {
    await using production = await startReferenceMock({ environment: 'production' });
    const config = loadHarnessConfig({
      ...owners,
      DUTYCLAIMS_TARGET: 'production',
      DUTYCLAIMS_BASE_URL: production.url,
      DUTYCLAIMS_PARTNER_ORG_ID: production.personas.production.partnerOrgId,
      DUTYCLAIMS_API_KEY: production.personas.production.readOnlyApiKey,
      DUTYCLAIMS_OUT_DIR: outDir(),
    });
    const { packet } = await runLaunchRehearsal({ config });
    expect(verdicts(packet)).toMatchObject({
      'environment-and-contract-pin': 'pass',
      'credential-and-header-discipline': 'pass',
      'traceability-and-idempotency': 'not_run',
      'golden-path-rehearsal': 'not_run',
    });
    expect(packet.target.environment).toBe('production');
    expect(packet.evidence.unproven.map((item) => item.id)).toEqual(['writes']);
    expect((await production.control.journal()).filter((entry) => entry.method !== 'GET')).toEqual([]);
  });
});
