import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_PIN } from '../contract/pin.js';
import { runCli } from './run-cli.js';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('dutyclaims-launch', () => {
  it('prints the pinned contract hash of the shipped OpenAPI', async () => {
    expect(await run('contract', 'hash')).toMatchObject({ code: 0, out: CONTRACT_PIN.hash });
  });

  it('hashes a given file and says whether it matches the pin', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dc-contract-')), 'openapi.json');
    writeFileSync(file, '{"openapi":"3.1.0"}');
    const { code, out } = await run('contract', 'hash', '--file', file, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ matchesPin: false, pinned: CONTRACT_PIN.hash });
  });

  it('exits 2 with a message for unknown commands, subcommands, flags and unreadable files', async () => {
    expect(await run('bogus')).toMatchObject({ code: 2, err: expect.stringContaining('Unknown command "bogus"') });
    expect(await run('contract', 'size')).toMatchObject({
      code: 2,
      err: expect.stringContaining('Unknown contract subcommand'),
    });
    expect((await run('contract', 'hash', '--nope')).code).toBe(2);
    expect(await run('contract', 'hash', '--file', '/nonexistent/x.json')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--file'),
    });
  });
});
