import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/run-cli.js';
import { LaunchPacket } from '../../harness/packet/index.js';

async function run(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('dutyclaims-launch rehearse --rotation', { timeout: 60_000 }, () => {
  it('rehearses key and secret rotation on the embedded mock and writes its evidence into the packet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dc-cli-rotation-'));
    const result = await run({}, 'rehearse', '--rotation', '--out', dir);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const packet = LaunchPacket.parse(JSON.parse(readFileSync(join(dir, 'launch-packet.json'), 'utf8')));
    const gate = packet.gates.find((item) => item.id === 'credential-and-header-discipline');
    const rotation = gate?.checks.filter((item) => item.name.includes('rotation:')) ?? [];
    expect(rotation.map((item) => item.verdict)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(packet.run.command).toContain('--rotation');
    // Prefixes only: no full key of this run reaches the packet's evidence.
    expect(JSON.stringify(gate?.evidence)).not.toMatch(/dc_test_[0-9a-z]{32}/);
  });

  it('rejects a DUTYCLAIMS_ROTATION that is neither on nor off (exit 2, says what to set)', async () => {
    const result = await run({ DUTYCLAIMS_ROTATION: 'yes' }, 'rehearse', '--out', mkdtempSync(join(tmpdir(), 'dc-')));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/DUTYCLAIMS_ROTATION: must be on or off/);
  });
});
