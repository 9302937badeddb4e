import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/run-cli.js';
import { findFreePort } from '../../harness/container/free-port.js';
import { CONTRACT_PIN } from '../../harness/contract/pin.js';
import { LaunchPacket } from '../../harness/packet/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { describeLaunchGates } from '../../suites/index.js';

async function run(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const outDir = () => mkdtempSync(join(tmpdir(), 'dc-truthful-'));
const owners = {
  DUTYCLAIMS_ROTATION_OWNER: 'platform-team@partner.example',
  DUTYCLAIMS_SECRET_STORAGE: 'vault:kv/dutyclaims/sandbox',
  DUTYCLAIMS_ROLLBACK_OWNER: 'oncall@partner.example',
  DUTYCLAIMS_CUTOVER_OWNER: 'launch-lead@partner.example',
};

describe('a misspelt setting never falls back to the mock', () => {
  it('DUTYCLAIMS_TARGT=sandbox is exit 2 with the closest name, before any run', async () => {
    const dir = join(outDir(), 'packet');
    const result = await run({ DUTYCLAIMS_TARGT: 'sandbox' }, 'rehearse', '--out', dir);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /DUTYCLAIMS_TARGT is not a setting the launch harness knows.*Did you mean DUTYCLAIMS_TARGET\?/,
    );
    expect(result.out).not.toMatch(/step 1|Verdict/);
    expect(existsSync(dir)).toBe(false);
  });

  it('describeLaunchGates throws the same configuration error', () => {
    expect(() => describeLaunchGates({ env: { DUTYCLAIMS_TARGT: 'sandbox' } })).toThrow(
      expect.objectContaining({
        name: 'HarnessConfigError',
        code: 'DC_ERR_HARNESS_CONFIG',
        message: expect.stringMatching(/Did you mean DUTYCLAIMS_TARGET\?/),
      }),
    );
  });
});

describe('sandbox and production pin the contract to the partner artifacts', () => {
  it('without an OpenAPI file, pact dir or hash, sandbox is exit 2 and sends no request', async () => {
    await using sandbox = await startReferenceMock();
    const env = {
      ...owners,
      DUTYCLAIMS_PARTNER_ORG_ID: sandbox.personas.sandbox.partnerOrgId,
      DUTYCLAIMS_API_KEY: sandbox.personas.sandbox.apiKey,
      DUTYCLAIMS_WEBHOOK_ENDPOINT_ID: 'we_partner',
    };
    await sandbox.control.clearJournal();
    const result = await run(env, 'rehearse', '--target', 'sandbox', '--base-url', sandbox.url, '--out', outDir());
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/DUTYCLAIMS_OPENAPI_FILE.*DUTYCLAIMS_PACT_DIR.*DUTYCLAIMS_CONTRACT_HASH/);
    expect(result.err).toMatch(/Only the mock target may use the contract shipped with the harness/);
    expect(await sandbox.control.journal()).toEqual([]);
  });
});

describe('a mock rehearsal is labelled as one everywhere', () => {
  it('terminal, JSON, JUnit, Markdown and HTML all say reference mock rehearsal, not evidence for live traffic', async () => {
    const dir = outDir();
    const result = await run({}, 'rehearse', '--out', dir, '--junit');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^DutyClaims launch rehearsal on mock: the reference mock \(a rehearsal, not evidence/m);
    expect(result.out).toMatch(
      /^Verdict: READY \(6 passed, 0 failed, 0 not run\) in \d+ ms · reference mock rehearsal \(not evidence for live traffic\)$/m,
    );
    expect(result.out).toMatch(/prove it with: DUTYCLAIMS_TARGET=sandbox .*dutyclaims-launch rehearse/);
    const packet = LaunchPacket.parse(JSON.parse(readFileSync(join(dir, 'launch-packet.json'), 'utf8')));
    expect(packet.verdict).toBe('ready');
    expect(packet.evidence).toMatchObject({ source: 'reference_mock', supportsLiveTraffic: false });
    expect(packet.evidence.unproven.map((item) => item.id)).toEqual(['live_target']);
    expect(packet.contract.pinOrigin).toBe('shipped_contract');
    const label = 'READY · reference mock rehearsal (not evidence for live traffic)';
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain(`: ${label}"`);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain(
      '<property name="evidenceSource" value="reference_mock"/>',
    );
    expect(readFileSync(join(dir, 'launch-packet.html'), 'utf8')).toMatch(
      /<title>DutyClaims launch packet: READY · reference mock rehearsal \(not evidence for live traffic\) · porg_\w+ on mock</,
    );
    expect(readFileSync(join(dir, 'launch-packet.md'), 'utf8').split('\n')[0]).toContain(label);
  });
});

describe('sandbox OAuth is not proof of production', () => {
  it('is READY for sandbox, exit 0, but never says it supports asking for live traffic', async () => {
    await using sandbox = await startReferenceMock();
    const port = await findFreePort();
    const { clientId, clientSecret } = sandbox.personas.sandbox.oauthClient;
    const dir = outDir();
    const env = {
      ...owners,
      DUTYCLAIMS_PARTNER_ORG_ID: sandbox.personas.sandbox.partnerOrgId,
      DUTYCLAIMS_OAUTH_CLIENT_ID: clientId,
      DUTYCLAIMS_OAUTH_CLIENT_SECRET: clientSecret,
      DUTYCLAIMS_CONTRACT_HASH: CONTRACT_PIN.hash,
      DUTYCLAIMS_RECEIVER_PORT: String(port),
      DUTYCLAIMS_WEBHOOK_PUBLIC_URL: `http://127.0.0.1:${port}/webhooks/dutyclaims`,
    };
    const result = await run(env, 'rehearse', '--target', 'sandbox', '--base-url', sandbox.url, '--out', dir);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /^Verdict: READY .* for sandbox · not yet evidence for live traffic \(unproven: the production credential\)$/m,
    );
    expect(result.out).toMatch(/does not support asking for live traffic/);
    expect(result.out).toMatch(/prove it with: DUTYCLAIMS_TARGET=production .*dc_live_.*dutyclaims-launch smoke/);
    const markdown = readFileSync(join(dir, 'launch-packet.md'), 'utf8');
    expect(markdown).not.toMatch(/This run supports asking for live traffic/);
    const packet = LaunchPacket.parse(JSON.parse(readFileSync(join(dir, 'launch-packet.json'), 'utf8')));
    expect(packet.evidence).toMatchObject({ source: 'live_target', supportsLiveTraffic: false });
    expect(packet.evidence.unproven).toEqual([expect.objectContaining({ id: 'production_credential' })]);
  });
});
