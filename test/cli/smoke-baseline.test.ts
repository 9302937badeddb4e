import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/run-cli.js';
import { CONTRACT_PIN } from '../../harness/contract/pin.js';
import { LaunchPacket } from '../../harness/packet/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { OWNERS } from '../support/misbehaving-provider.js';
import { EXAMPLE_ROLLBACK_PLAN } from '../support/rollback-plan.js';

async function run(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const dir = () => mkdtempSync(join(tmpdir(), 'dc-nightly-'));
const readPacket = (out: string) =>
  LaunchPacket.parse(JSON.parse(readFileSync(join(out, 'launch-packet.json'), 'utf8')));
// Budgets a busy machine cannot break: these tests are about drift, not speed.
const BUDGETS = ['--p95-ms', '60000', '--call-budget-ms', '60000'];

async function productionEnv() {
  const mock = await startReferenceMock({ environment: 'production' });
  const env = {
    ...OWNERS,
    DUTYCLAIMS_TARGET: 'production',
    DUTYCLAIMS_BASE_URL: mock.url,
    DUTYCLAIMS_PARTNER_ORG_ID: mock.personas.production.partnerOrgId,
    DUTYCLAIMS_API_KEY: mock.personas.production.readOnlyApiKey,
    DUTYCLAIMS_CONTRACT_HASH: CONTRACT_PIN.hash,
    DUTYCLAIMS_ROLLBACK_PLAN_FILE: EXAMPLE_ROLLBACK_PLAN,
    DUTYCLAIMS_SECURITY_CONTACT: 'security@partner.example',
  };
  return { mock, env };
}

describe('smoke --baseline and diff', () => {
  it('a nightly run compares with the previous packet in every format, and a new contract hash exits 1', async () => {
    const { mock, env } = await productionEnv();
    await using _mock = mock;
    const first = dir();
    expect((await run(env, 'smoke', '--out', first, ...BUDGETS)).code).toBe(0);
    const baseline = join(first, 'launch-packet.json');

    const second = dir();
    const same = await run(env, 'smoke', '--out', second, '--junit', '--baseline', baseline, ...BUDGETS);
    expect(same.code).toBe(0);
    const packet = readPacket(second);
    expect(packet.drift?.baseline).toMatchObject({ file: baseline, runId: readPacket(first).run.id });
    expect(packet.drift?.changes.filter((change) => change.stopsCutover)).toEqual([]);
    const markdown = readFileSync(join(second, 'launch-packet.md'), 'utf8');
    expect(markdown).toContain('## Changes since the baseline');
    expect(markdown).toMatch(
      /## Rollback plan\n\nFrom .*rollback-plan\.md.*:\n\n~~~\n# Rollback plan: DutyClaims integration\nPause calls:/,
    );
    expect(readFileSync(join(second, 'launch-packet.html'), 'utf8')).toMatch(
      /<section id="drift" data-baseline="[0-9a-f]+" data-stops-cutover="false">/,
    );
    expect(readFileSync(join(second, 'junit.xml'), 'utf8')).toMatch(
      /<testsuite name="Changes since the baseline" id="drift"[^>]* failures="0"/,
    );

    // Yesterday the provider served another contract: today's hash is new, and the cutover stops.
    const yesterday = JSON.parse(readFileSync(baseline, 'utf8')) as { contract: { servedHash: string } };
    yesterday.contract.servedHash = '0123456789abcdef';
    const tampered = join(dir(), 'yesterday.json');
    writeFileSync(tampered, JSON.stringify(yesterday));
    const third = dir();
    const drifted = await run(env, 'smoke', '--out', third, '--junit', '--baseline', tampered, ...BUDGETS);
    expect(drifted.code).toBe(1);
    expect(drifted.out).toMatch(/✗ contract\.servedHash: 0123456789abcdef → [0-9a-f]{16} \(stops the cutover\)/);
    expect(readFileSync(join(third, 'junit.xml'), 'utf8')).toMatch(
      /<testcase classname="dutyclaims.drift" name="contract.servedHash" time="0.000">\s*<failure/,
    );

    const diff = await run(env, 'diff', tampered, join(second, 'launch-packet.json'));
    expect(diff.code).toBe(1);
    expect(diff.out).toMatch(/1 of which stops the cutover/);
    expect((await run(env, 'diff', baseline, join(second, 'launch-packet.json'), '--json')).code).toBe(0);
  });

  it('each run appends one line to history.jsonl, and the HTML packet shows the last runs as an inline SVG trend', async () => {
    const { mock, env } = await productionEnv();
    await using _mock = mock;
    const out = dir();
    expect((await run(env, 'smoke', '--out', out, ...BUDGETS)).code).toBe(0);
    const second = await run(env, 'smoke', '--out', out, ...BUDGETS);
    expect(second.code).toBe(0);
    expect(second.out).toContain(`history: ${join(out, 'history.jsonl')}`);
    const lines = readFileSync(join(out, 'history.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((line) => JSON.parse(line) as { runId: string; servedHash: string })).toEqual([
      expect.objectContaining({ servedHash: CONTRACT_PIN.hash, checks: expect.objectContaining({ fail: 0 }) }),
      expect.objectContaining({ runId: readPacket(out).run.id }),
    ]);
    const html = readFileSync(join(out, 'launch-packet.html'), 'utf8');
    expect(html).toMatch(/<figure id="trend"><figcaption>Last 2 runs/);
    expect(html.match(/<rect /g)).toHaveLength(2);
    expect(html).not.toMatch(/<script/i);
  });

  it('a baseline that is not a launch packet is exit 2 before any request, saying what to give', async () => {
    const { mock, env } = await productionEnv();
    await using _mock = mock;
    const file = join(dir(), 'notes.json');
    writeFileSync(file, '{"hello": "world"}');
    await mock.control.clearJournal();
    const result = await run(env, 'smoke', '--out', dir(), '--baseline', file);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /notes\.json cannot be compared: it is not a launch packet .*Give the launch-packet\.json a run wrote/,
    );
    expect(await mock.control.journal()).toEqual([]);
    const diff = await run(env, 'diff', file);
    expect(diff.code).toBe(2);
    expect(diff.err).toMatch(/diff needs exactly two packet files, got 1/);
  });
});
