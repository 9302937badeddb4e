import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const bin = new URL('../../dist/harness/cli/main.js', import.meta.url).pathname;
// Registers a load hook that prints every module Node loads on stderr, one `LOADED <url>` line each.
const hooks = `data:text/javascript,${encodeURIComponent(
  "export async function load(url, context, next) { process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }",
)}`;
const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hooks)});`)}`;

/** Runs the built bin (a bundle with one chunk per command) and names the heavy code it loaded. */
function heavyCodeLoaded(argv: readonly string[]): string[] {
  const result = spawnSync(process.execPath, ['--import', register, bin, ...argv], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  const files = result.stderr
    .split('\n')
    .filter((line) => line.startsWith('LOADED file:'))
    .map((line) => fileURLToPath(line.slice('LOADED '.length)));
  // zod is inlined in the bundle: a chunk that defines its base type carries it.
  const hasZod = files.some(
    (file) => file.includes('/node_modules/zod/') || readFileSync(file, 'utf8').includes('"$ZodType"'),
  );
  return [
    ...(hasZod ? ['zod'] : []),
    ...(files.some((file) => file.includes('/node_modules/undici/')) ? ['undici'] : []),
  ];
}

describe('the built bin keeps commands lazy', { timeout: 60_000 }, () => {
  it('--help and rehearse --help load neither zod nor undici', () => {
    expect(heavyCodeLoaded(['--help'])).toEqual([]);
    expect(heavyCodeLoaded(['rehearse', '--help'])).toEqual([]);
  });

  it('the check can fail: a rehearsal loads zod and undici', () => {
    const out = mkdtempSync(join(tmpdir(), 'dc-lazy-'));
    try {
      expect(heavyCodeLoaded(['rehearse', '--out', out])).toEqual(['zod', 'undici']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs Node with `args` and says whether undici's index (fetch, WebSocket, caches, ...) and Node's own
 * bundled undici were loaded: a `--import` module prints both as the process exits.
 */
function undiciLoaded(args: readonly string[]): { index: boolean; nodeBundled: boolean } {
  const probe = `data:text/javascript,${encodeURIComponent(`
    import { createRequire } from 'node:module';
    const cache = createRequire(${JSON.stringify(bin)}).cache;
    process.on('exit', () => process.stderr.write('UNDICI ' + JSON.stringify({
      index: Object.keys(cache).some((file) => /[\\\\/]node_modules[\\\\/]undici[\\\\/]index\\.js$/.test(file)),
      nodeBundled: process.moduleLoadList.includes('NativeModule internal/deps/undici/undici'),
    }) + '\\n'));
  `)}`;
  const result = spawnSync(process.execPath, ['--import', probe, ...args], { encoding: 'utf8', cwd: repoRoot });
  expect(result.status, result.stderr).toBe(0);
  const line = result.stderr.split('\n').find((item) => item.startsWith('UNDICI '));
  return JSON.parse(line?.slice('UNDICI '.length) ?? 'null') as { index: boolean; nodeBundled: boolean };
}

describe('a rehearsal loads undici’s dispatcher, not all of undici', { timeout: 60_000 }, () => {
  it('neither undici’s index nor Node’s bundled undici is loaded by a rehearsal', () => {
    const out = mkdtempSync(join(tmpdir(), 'dc-lazy-'));
    try {
      expect(undiciLoaded([bin, 'rehearse', '--out', out])).toEqual({ index: false, nodeBundled: false });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('the check can fail: a program that imports undici loads both', () => {
    expect(undiciLoaded(['--input-type=module', '-e', "await import('undici');"])).toEqual({
      index: true,
      nodeBundled: true,
    });
  });
});
