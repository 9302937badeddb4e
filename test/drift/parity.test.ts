import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/run-cli.js';
import { comparePackets } from '../../harness/drift/index.js';
import { type MisbehavingRun, rehearseAgainst } from '../support/misbehaving-provider.js';
import { capabilities, family } from '../support/provider-misbehaviours.js';

const noLatency = { mode: 'parity', latencyMinMs: 3_600_000 } as const;
const readOnly: MisbehavingRun['config'] = (config) => ({ ...config, mode: 'smoke', readOnly: true });
const sandbox = (run: Omit<MisbehavingRun, 'target'> = {}) =>
  rehearseAgainst({ target: 'sandbox', config: readOnly, ...run }).then(({ packet }) => packet);
const production = (run: Omit<MisbehavingRun, 'target'> = {}) =>
  rehearseAgainst({ target: 'production', ...run }).then(({ packet }) => packet);

describe('sandbox-to-production parity (diff --parity)', () => {
  it('reports nothing when production offers what sandbox does: host, environment and credentials may differ', async () => {
    const changes = comparePackets(await sandbox(), await production(), noLatency);
    expect(changes).toEqual([]);
  });

  it('a route family that is ga in sandbox but provider_gated in production is reported and stops the cutover', async () => {
    const gated = await production({
      proxy: capabilities((body) => {
        family(body, 'claims').availability = 'provider_gated';
      }),
    });
    const sandboxPacket = await sandbox();
    const dir = mkdtempSync(join(tmpdir(), 'dc-parity-'));
    writeFileSync(join(dir, 'sandbox.json'), JSON.stringify(sandboxPacket));
    writeFileSync(join(dir, 'production.json'), JSON.stringify(gated));
    const out: string[] = [];
    const code = await runCli(['diff', join(dir, 'sandbox.json'), join(dir, 'production.json'), '--parity'], {
      out: (line) => out.push(line),
      err: (line) => out.push(line),
      env: {},
    });
    expect(code).toBe(1);
    expect(out.join('\n')).toMatch(
      /^Parity of sandbox .*stops the cutover\.\n {2}✗ families\.claims\.availability: ga → provider_gated/,
    );
    expect(comparePackets(sandboxPacket, gated, noLatency)).toEqual([
      expect.objectContaining({
        field: 'families.claims.availability',
        before: 'ga',
        after: 'provider_gated',
        stopsCutover: true,
      }),
    ]);
  });
});
