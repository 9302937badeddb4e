import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeCachePath, runBundle } from './run-bundle.js';

let dir: string;
let bundle: string;
const url = () => pathToFileURL(bundle);
// Enough code that V8 writes a real cache; a helper module beside it checks `require` is the bundle's.
const source = (answer: number) => `
const helper = require('./helper.cjs');
function square(n) { return n * n; }
module.exports = { answer: ${answer}, squares: [1, 2, 3].map(square), helper, file: __filename, dir: __dirname, self: this === module.exports };
`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'code-cache-'));
  bundle = join(dir, 'entry.bundle.cjs');
  writeFileSync(join(dir, 'helper.cjs'), 'module.exports = "beside the bundle";');
  writeFileSync(bundle, source(42));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('runBundle', () => {
  it('runs a CommonJS bundle as require would: exports, this, __filename, __dirname and a require beside it', () => {
    const run = runBundle(url());
    expect(run.exports).toEqual({
      answer: 42,
      squares: [1, 4, 9],
      helper: 'beside the bundle',
      file: bundle,
      dir,
      self: true,
    });
    expect(run.usedCodeCache).toBe(false);
  });

  it('takes the code cache a run wrote, and gives the same result with it', () => {
    const first = runBundle(url());
    expect(first.writeCodeCache()).toBeGreaterThan(0);
    expect(readFileSync(codeCachePath(bundle)).length).toBeGreaterThan(0);
    const second = runBundle(url());
    expect(second.usedCodeCache).toBe(true);
    expect(second.exports).toEqual(first.exports);
  });

  it('runs the bundle as it is now when the cache was written for an older one', () => {
    runBundle(url()).writeCodeCache();
    writeFileSync(bundle, source(7));
    const run = runBundle(url());
    expect(run.usedCodeCache).toBe(false);
    expect(run.exports).toMatchObject({ answer: 7 });
  });

  it('ignores a damaged cache file', () => {
    writeFileSync(codeCachePath(bundle), Buffer.from('not a V8 code cache at all'));
    const run = runBundle(url());
    expect(run.usedCodeCache).toBe(false);
    expect(run.exports).toMatchObject({ answer: 42 });
  });

  it('reports an error the bundle throws at its own file and line', () => {
    writeFileSync(bundle, 'const a = 1;\nthrow new Error("boom");\n');
    let stack = '';
    try {
      runBundle(url());
    } catch (error) {
      stack = (error as Error).stack ?? '';
    }
    expect(stack).toContain('boom');
    expect(stack).toContain(`${bundle}:2:`);
  });
});

describe('runBundle with V8 flags', { timeout: 60_000 }, () => {
  const runBundleSource = fileURLToPath(new URL('./run-bundle.ts', import.meta.url));
  // Each run is a process of its own: the flags are process-wide.
  const runInChild = (v8Flags: readonly string[], write: boolean) => {
    const script = `const { runBundle } = await import(${JSON.stringify(pathToFileURL(runBundleSource).href)});
const run = runBundle(new URL(${JSON.stringify(url().href)}), { v8Flags: ${JSON.stringify(v8Flags)} });
if (${write}) run.writeCodeCache();
process.stdout.write(JSON.stringify({ usedCodeCache: run.usedCodeCache, answer: run.exports.answer }));`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as { usedCodeCache: boolean; answer: number };
  };

  it('sets them before the compile, so a cache written under them is taken under them (and only under them)', () => {
    expect(runInChild(['--liftoff-only'], true)).toEqual({ usedCodeCache: false, answer: 42 });
    expect(runInChild(['--liftoff-only'], false)).toEqual({ usedCodeCache: true, answer: 42 });
    // V8 checks the flags a cache was written under: without them the bundle compiles afresh, same result.
    expect(runInChild([], false)).toEqual({ usedCodeCache: false, answer: 42 });
  });

  it('loads builtinsFirst before it sets them', () => {
    const loadedBeforeFlags = (builtinsFirst: readonly string[]) => {
      const script = `import v8 from 'node:v8';
const set = v8.setFlagsFromString;
let before = null;
v8.setFlagsFromString = function (flag) { before ??= process.moduleLoadList.includes('NativeModule zlib'); return set.call(this, flag); };
const { runBundle } = await import(${JSON.stringify(pathToFileURL(runBundleSource).href)});
runBundle(new URL(${JSON.stringify(url().href)}), { v8Flags: ['--liftoff-only'], builtinsFirst: ${JSON.stringify(builtinsFirst)} });
process.stdout.write(JSON.stringify(before));`;
      const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
      });
      expect(result.status, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as boolean;
    };
    expect(loadedBeforeFlags(['zlib'])).toBe(true);
    expect(loadedBeforeFlags([])).toBe(false);
  });
});
