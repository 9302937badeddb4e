import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/run-cli.js';
import { findFreePort } from '../../harness/container/free-port.js';
import { CONTRACT_PIN } from '../../harness/contract/pin.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { EXAMPLE_ROLLBACK_PLAN } from '../support/rollback-plan.js';

async function run(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const outDir = () => mkdtempSync(join(tmpdir(), 'dc-cli-'));

describe('rehearse and smoke: bad settings are exit 2 with what to fix, never a stack trace', () => {
  it('a mock URL where nothing answers', async () => {
    const port = await findFreePort();
    const result = await run({}, 'rehearse', '--base-url', `http://127.0.0.1:${port}`, '--out', outDir());
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/no reference mock answers there/);
    expect(result.err).toMatch(/dutyclaims-launch mock/);
  });

  it('a receiver host that is not an address of this machine', async () => {
    // 192.0.2.1 (TEST-NET-1) is never local: binding fails at once and no packet is sent anywhere.
    const result = await run({ DUTYCLAIMS_RECEIVER_HOST: '192.0.2.1' }, 'rehearse', '--out', outDir());
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/cannot listen on 192\.0\.2\.1/);
  });

  it('an --out that is a file, before anything runs', async () => {
    const file = join(outDir(), 'packet.txt');
    writeFileSync(file, 'x');
    const result = await run({}, 'rehearse', '--out', file);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/not a directory/);
    expect(result.out).not.toMatch(/step 1/);
  });
});

describe('production is read-only', () => {
  it('rehearse exits 1 because write gates were not run; smoke exits 0', async () => {
    await using production = await startReferenceMock({ environment: 'production' });
    const env = {
      DUTYCLAIMS_BASE_URL: production.url,
      DUTYCLAIMS_PARTNER_ORG_ID: production.personas.production.partnerOrgId,
      DUTYCLAIMS_API_KEY: production.personas.production.readOnlyApiKey,
      DUTYCLAIMS_CONTRACT_HASH: CONTRACT_PIN.hash,
      DUTYCLAIMS_ROTATION_OWNER: 'a',
      DUTYCLAIMS_SECRET_STORAGE: 'b',
      DUTYCLAIMS_ROLLBACK_OWNER: 'c',
      DUTYCLAIMS_CUTOVER_OWNER: 'd',
      DUTYCLAIMS_ROLLBACK_PLAN_FILE: EXAMPLE_ROLLBACK_PLAN,
      DUTYCLAIMS_SECURITY_CONTACT: 'security@partner.example',
    };
    const rehearse = await run(env, 'rehearse', '--target', 'production', '--out', outDir());
    expect(rehearse.code).toBe(1);
    expect(rehearse.out).toMatch(/use `dutyclaims-launch smoke`/);
    // A generous p95 budget: a busy machine must not fail the nightly watch here.
    const smoke = await run(env, 'smoke', '--target', 'production', '--out', outDir(), '--p95-ms', '60000');
    expect(smoke.code).toBe(0);
    expect(smoke.out).toMatch(/NOT READY \(2 passed, 0 failed, 4 not run\)/);
    expect(smoke.out).not.toContain(production.personas.production.readOnlyApiKey);
    // Without a rollback plan the support gate fails, and says what to write.
    const { DUTYCLAIMS_ROLLBACK_PLAN_FILE: _plan, ...withoutPlan } = env;
    const planless = await run(withoutPlan, 'smoke', '--target', 'production', '--out', outDir(), '--p95-ms', '60000');
    expect(planless.code).toBe(1);
    expect(planless.out).toMatch(/A production run needs a rollback plan and none was given\. Fill in this template/);
  });
});
