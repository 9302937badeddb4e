import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageBin } from '../support/package-bin.js';

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

/** The bin as npm links it, and the ES module CLI it imports for all but `mock`. */
const bin = packageBin;
const esModuleCli = new URL('../../dist/harness/cli/main.js', import.meta.url).pathname;
// Prints on stderr, one `LOADED <url>` line each, every ES module Node loads (a load hook) and every
// CommonJS bundle the bin reads to run (`rehearse` runs one with harness/code-cache), and at exit
// whether Node loaded its own bundled undici.
const hooks = `data:text/javascript,${encodeURIComponent(
  "export async function load(url, context, next) { process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }",
)}`;
const probe = `data:text/javascript,${encodeURIComponent(`
  import fs from 'node:fs';
  import { register, syncBuiltinESMExports } from 'node:module';
  import { pathToFileURL } from 'node:url';
  register(${JSON.stringify(hooks)});
  const readFileSync = fs.readFileSync;
  fs.readFileSync = function (path, ...rest) {
    if (String(path).endsWith('.cjs')) process.stderr.write('LOADED ' + pathToFileURL(String(path)).href + '\\n');
    return readFileSync.call(this, path, ...rest);
  };
  syncBuiltinESMExports();
  process.on('exit', () => {
    if (process.moduleLoadList.includes('NativeModule internal/deps/undici/undici')) process.stderr.write('NODE_BUNDLED_UNDICI\\n');
    for (const name of ['http2', 'tls'])
      if (process.moduleLoadList.includes('NativeModule ' + name)) process.stderr.write('BUILTIN node:' + name + '\\n');
  });
`)}`;

interface Loaded {
  readonly files: string[];
  readonly stderr: string;
}

/** The files the probe saw load, from what the process wrote on stderr. */
const loadedFrom = (stderr: string): Loaded => ({
  files: stderr
    .split('\n')
    .filter((line) => line.startsWith('LOADED file:'))
    .map((line) => fileURLToPath(line.slice('LOADED '.length))),
  stderr,
});

/** Runs the built bin with the probe: the files it loaded, and what it wrote on stderr. */
function filesLoaded(argv: readonly string[]): Loaded {
  const result = spawnSync(process.execPath, ['--import', probe, bin, ...argv], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return loadedFrom(result.stderr);
}

/** Starts `entry mock` with the probe, waits for its first 200 (/health), stops it with SIGTERM. */
async function filesLoadedByMock(entry: string): Promise<Loaded> {
  const child = spawn(process.execPath, ['--import', probe, entry, 'mock', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  let [stdout, stderr] = ['', ''];
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      void exited.then(([code]) => reject(new Error(`mock exited ${code} before listening: ${stdout}${stderr}`)));
    });
    const health = await fetch(`${url}/health`);
    await health.arrayBuffer();
    expect(health.status).toBe(200);
  } finally {
    child.kill('SIGTERM');
  }
  const [code] = await exited;
  expect(code, stderr).toBe(0);
  return loadedFrom(stderr);
}

/**
 * Runs the built bin (a bundle with one chunk per command) and names the heavy code it loaded: zod,
 * undici, undici's index (fetch, WebSocket, caches, ...) and Node's own bundled undici. A bundle
 * carries a package when esbuild's `// node_modules/<package>/...` section comments say so.
 */
function heavyCodeLoaded(argv: readonly string[]): string[] {
  return heavyCodeIn(filesLoaded(argv));
}

/** The heavy code among `files` (see {@link heavyCodeLoaded}). */
function heavyCodeIn({ files, stderr }: Loaded): string[] {
  const sources = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const carries = (path: string) =>
    sources.some(
      ({ file, text }) => file.includes(`/node_modules/${path}`) || text.includes(`// node_modules/${path}`),
    );
  return [
    // zod inlined: a chunk that defines its base type carries it.
    ...(sources.some(({ file, text }) => file.includes('/node_modules/zod/') || text.includes('"$ZodType"'))
      ? ['zod']
      : []),
    ...(carries('undici/') ? ['undici'] : []),
    ...(carries('undici/index.js') ? ['undici index'] : []),
    ...(stderr.includes('NODE_BUNDLED_UNDICI') ? ['Node’s bundled undici'] : []),
  ];
}

describe('the built bin keeps commands lazy', { timeout: 60_000 }, () => {
  it('--help, rehearse --help and mock --help load neither zod nor undici', () => {
    expect(heavyCodeLoaded(['--help'])).toEqual([]);
    expect(heavyCodeLoaded(['rehearse', '--help'])).toEqual([]);
    expect(heavyCodeLoaded(['mock', '--help'])).toEqual([]);
  });

  it('a rehearsal loads zod and undici’s dispatcher, not undici’s index nor Node’s bundled undici', () => {
    const out = mkdtempSync(join(tmpdir(), 'dc-lazy-'));
    try {
      expect(heavyCodeLoaded(['rehearse', '--out', out])).toEqual(['zod', 'undici']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('a rehearsal on the mock (plain HTTP/1.1 on loopback) loads neither node:http2 nor node:tls', () => {
    const out = mkdtempSync(join(tmpdir(), 'dc-lazy-'));
    try {
      expect(filesLoaded(['rehearse', '--out', out]).stderr).not.toMatch(/BUILTIN node:/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    // The check can fail: the probe names them when they load.
    const result = spawnSync(process.execPath, ['--import', probe, '-e', "require('node:http2')"], {
      encoding: 'utf8',
    });
    expect(result.stderr).toContain('BUILTIN node:http2');
    expect(result.stderr).toContain('BUILTIN node:tls');
  });

  it('the bin’s rehearsal runs its bundle: undici and the run’s modules come from it, not one file each', () => {
    const out = mkdtempSync(join(tmpdir(), 'dc-lazy-'));
    try {
      const { files } = filesLoaded(['rehearse', '--out', out]);
      expect(files.filter((file) => file.endsWith('/dist/harness/cli/rehearse-run.bundle.cjs'))).toHaveLength(1);
      expect(files.filter((file) => file.includes('/node_modules/undici/'))).toEqual([]);
      expect(files.filter((file) => /\/rehearse-run-[A-Z0-9]+\.js$/.test(file))).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('the bin’s mock runs the container entry’s bundle, and no ES module: not the CLI’s, nor the mock’s one by one', async () => {
    const loaded = await filesLoadedByMock(bin);
    expect(loaded.files.filter((file) => file.endsWith('/dist/harness/reference-mock/main.bundle.cjs'))).toHaveLength(
      1,
    );
    expect(loaded.files.filter((file) => !file.endsWith('.cjs'))).toEqual([]);
  });

  it('the ES module CLI’s mock runs the same bundle; the modules it loads first carry neither zod nor undici', async () => {
    const loaded = await filesLoadedByMock(esModuleCli);
    expect(loaded.files.filter((file) => file.endsWith('/dist/harness/reference-mock/main.bundle.cjs'))).toHaveLength(
      1,
    );
    // The check can fail: this entry loads ES modules (itself and the command's chunks).
    const modules = loaded.files.filter((file) => !file.endsWith('.cjs'));
    expect(modules).toContain(esModuleCli);
    expect(heavyCodeIn({ files: modules, stderr: '' })).toEqual([]);
  });

  it('a command, --help and --version run without commander; help <command> and typos load it', () => {
    const commander = (argv: readonly string[]) =>
      filesLoaded(argv).files.some((file) => file.includes('/node_modules/commander/'));
    expect(commander(['rehearse', '--help'])).toBe(false);
    expect(commander(['contract', 'hash'])).toBe(false);
    expect(commander(['--help'])).toBe(false);
    expect(commander(['--version'])).toBe(false);
    expect(commander(['help', 'rehearse'])).toBe(true);
    expect(commander(['--help', 'rehearse'])).toBe(true);
  });

  it('the check can fail: a program that imports undici loads its index and Node’s bundled undici', () => {
    const program = join(mkdtempSync(join(tmpdir(), 'dc-lazy-')), 'imports-undici.mjs');
    writeFileSync(
      program,
      `import ${JSON.stringify(new URL('../../node_modules/undici/index.js', import.meta.url).href)};\n`,
    );
    try {
      const result = spawnSync(process.execPath, ['--import', probe, program], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).toContain('/node_modules/undici/index.js');
      expect(result.stderr).toContain('NODE_BUNDLED_UNDICI');
    } finally {
      rmSync(dirname(program), { recursive: true, force: true });
    }
  });
});
