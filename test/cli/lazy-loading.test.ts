import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const runCliModule = new URL('../../dist/harness/cli/run-cli.js', import.meta.url).href;

/**
 * Runs the built CLI with `argv` in a fresh Node and lists which heavy CommonJS dependencies it loaded
 * (Node caches CommonJS modules imported from ESM in require.cache): Pact and undici.
 */
function heavyModulesLoaded(argv: readonly string[]): string[] {
  const script = `
    import { createRequire } from 'node:module';
    const { runCli } = await import(${JSON.stringify(runCliModule)});
    await runCli(${JSON.stringify(argv)}, { out: () => {}, err: () => {}, env: {} });
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(['@pact-foundation/pact/', '/undici/'].filter((name) => loaded.some((file) => file.includes(name)))));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as string[];
}

describe('commands load only when they run', { timeout: 60_000 }, () => {
  it('--help, help <command> of a light command and --version load neither Pact nor the HTTP client', () => {
    for (const argv of [['--help'], ['--version'], ['contract', 'hash'], ['help', 'contract']])
      expect(heavyModulesLoaded(argv), argv.join(' ')).toEqual([]);
  });

  it('the check can fail: verify-provider --help loads its Pact module', () => {
    expect(heavyModulesLoaded(['verify-provider', '--help'])).toContain('@pact-foundation/pact/');
  });
});
