import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/run-cli.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const bin = new URL('../../dist/harness/cli/main.js', import.meta.url).pathname;
const COMMANDS = [
  'rehearse',
  'smoke',
  'mock',
  'grade-webhook',
  'grade-client',
  'verify-provider',
  'publish-pacts',
  'can-i-deploy',
  'contract',
  'mock-image',
];

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('dutyclaims-launch conventions', () => {
  it('prints its version with --version, -v and version', async () => {
    for (const flag of ['--version', '-v', 'version'])
      expect(await run(flag)).toEqual({ code: 0, out: pkg.version, err: '' });
  });

  it('prints the same usage for --help, -h and help (which commander answers), and exits 0', async () => {
    const help = await run('help');
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toMatch(/^Usage: dutyclaims-launch <command>/);
    expect(await run('--help')).toEqual(help);
    expect(await run('-h')).toEqual(help);
  });

  it('suggests the closest command for a typo', async () => {
    const typo = await run('rehaerse');
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/^Unknown command "rehaerse"\. Did you mean "rehearse"\?/);
    expect((await run('verify')).err).toMatch(/Did you mean "verify-provider"\?/);
    expect((await run('zzzzzz')).err).not.toMatch(/Did you mean/);
  });

  it('refuses an unknown option before the command with exit 2 and the usage', async () => {
    const result = await run('--frobnicate');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^Unknown option '--frobnicate'\.\n\nUsage: dutyclaims-launch/);
    expect(await run('help', 'rehaerse')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/Did you mean "rehearse"\?/),
    });
  });

  it("hands a command every argument after its name as typed: -v there is the command's, not --version", async () => {
    const result = await run('contract', 'hash', '-v');
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/Unknown option '-v'/);
    expect(await run('contract', 'hash', '--json')).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^\{"hash":/),
    });
  });

  it.each(COMMANDS)('%s: -h, --help and help <command> print the same usage and exit 0', async (command) => {
    const long = await run(command, '--help');
    expect(long.code).toBe(0);
    expect(long.out).toMatch(/Usage/);
    expect(await run(command, '-h')).toEqual(long);
    expect(await run('help', command)).toEqual(long);
  });

  // Each command has a result a script may want to read: each offers it as one JSON object.
  it.each(COMMANDS)('%s: offers --json', async (command) => {
    expect((await run(command, '--help')).out).toMatch(/--json\b/);
  });
});

describe('colour', () => {
  const rehearse = async (env: Record<string, string>, tty: boolean) => {
    const out: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'dc-colour-'));
    const code = await runCli(['rehearse', '--out', dir], { out: (line) => out.push(line), err: () => {}, env, tty });
    return { code, out: out.join('\n') };
  };
  const ESC = String.fromCharCode(27);

  it('colours the verdict and marks in a terminal, and never with NO_COLOR', async () => {
    const coloured = await rehearse({}, true);
    expect(coloured.code).toBe(0);
    expect(coloured.out).toContain(`${ESC}[32m`);
    const plain = await rehearse({ NO_COLOR: '1' }, true);
    expect(plain.code).toBe(0);
    expect(plain.out).not.toContain(ESC);
    expect(plain.out).toMatch(/^Verdict: READY/m);
  });

  it('is off when the output is not a terminal, unless FORCE_COLOR asks for it', async () => {
    expect((await rehearse({}, false)).out).not.toContain(ESC);
    expect((await rehearse({ FORCE_COLOR: '1' }, false)).out).toContain(`${ESC}[1m${ESC}[32mVerdict: READY`);
  });
});

describe('a reader that goes away', () => {
  it('`rehearse | head -1` ends quietly, still writes the packet and keeps the exit code', () => {
    const out = mkdtempSync(join(tmpdir(), 'dc-epipe-'));
    const result = spawnSync(
      'bash',
      [
        '-c',
        `set -o pipefail; node "${bin}" rehearse --out "${out}" | head -c 1 >/dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`,
      ],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 },
    );
    expect(result.stderr).toMatch(/exit=0/);
    expect(result.stderr).not.toMatch(/EPIPE|Error:|at /);
    expect(existsSync(join(out, 'launch-packet.json'))).toBe(true);
  });
});
