import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `rehearse` and `smoke` as built (scripts/bundle-entries.mjs): the bin's command runs
// dist/harness/cli/rehearse-run.bundle.cjs, one CommonJS bundle, with the V8 code cache the build's
// warm-up rehearsal wrote beside it.
const RUN_BUNDLE = new URL('../../dist/harness/code-cache/run-bundle.js', import.meta.url).href;
const BUNDLE = new URL('../../dist/harness/cli/rehearse-run.bundle.cjs', import.meta.url).href;
const COMMAND = new URL('../../dist/harness/cli/commands/rehearse.js', import.meta.url).href;
const BIN = new URL('../../dist/harness/cli/main.js', import.meta.url).pathname;

describe('the built rehearsal bundle', { timeout: 60_000 }, () => {
  it('runs from the code cache the build wrote, on the Node that built it, and exports the run', () => {
    // Under the flags the command runs it with: V8 takes a cache only under the flags it was written with.
    const script = `const { runBundle } = await import(${JSON.stringify(RUN_BUNDLE)});
const { REHEARSAL_V8_FLAGS } = await import(${JSON.stringify(COMMAND)});
const run = runBundle(new URL(${JSON.stringify(BUNDLE)}), { v8Flags: REHEARSAL_V8_FLAGS });
process.stdout.write(JSON.stringify({ usedCodeCache: run.usedCodeCache, runRehearsal: typeof run.exports.runRehearsal }));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ usedCodeCache: true, runRehearsal: 'function' });
  });

  it('runs from ASCII-only bundles, and the packet it renders keeps its characters', () => {
    // The build escapes what esbuild left non-ASCII (scripts/esbuild-options.mjs, asciiOnly), so Node
    // reads each bundle as a one-byte string; in the packet's html templates an escape must read as the
    // character it stands for.
    for (const bundle of [BUNDLE, new URL('../../dist/harness/reference-mock/main.bundle.cjs', import.meta.url).href])
      expect(/[\u0080-\u00ff]/.test(readFileSync(new URL(bundle), 'latin1')), bundle).toBe(false);
    const out = mkdtempSync(join(tmpdir(), 'dc-ascii-'));
    try {
      const result = spawnSync(process.execPath, [BIN, 'rehearse', '--out', out], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      const page = readFileSync(join(out, 'launch-packet.html'), 'utf8');
      expect(page).toMatch(/<h1>Launch packet · /);
      expect(page).not.toContain('\\u00b7');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  // Names the built-in modules a process loads after it first sets a V8 flag: Node compiles those
  // without its code cache, which V8 takes only under the flags it was made with.
  const loadedAfterFlags = (args: readonly string[]) => {
    const probe = `data:text/javascript,${encodeURIComponent(`
      import v8 from 'node:v8';
      const set = v8.setFlagsFromString;
      let at = -1;
      v8.setFlagsFromString = function (flag) {
        if (at < 0) at = process.moduleLoadList.length;
        return set.call(this, flag);
      };
      process.on('exit', () => process.stderr.write('AFTER FLAGS ' + JSON.stringify(at < 0 ? null :
        process.moduleLoadList.slice(at).filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13))) + '\\n'));
    `)}`;
    const result = spawnSync(process.execPath, ['--import', probe, ...args], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(/AFTER FLAGS (.*)/.exec(result.stderr)?.[1] ?? 'null') as string[] | null;
  };

  it('a rehearsal loads the built-ins it needs before its V8 flags, so each compiles with Node’s code cache', () => {
    const out = mkdtempSync(join(tmpdir(), 'dc-builtins-'));
    try {
      const after = loadedAfterFlags([BIN, 'rehearse', '--out', out]);
      expect(after).not.toBeNull();
      // Node's internal modules that its public ones load lazily on first use (fs.rm's rimraf) may remain.
      expect(after?.filter((name) => builtinModules.includes(name))).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    // The check can fail: a built-in first required after a flag is named.
    expect(
      loadedAfterFlags(['-e', "require('node:v8').setFlagsFromString('--liftoff-only'); require('node:zlib');"]),
    ).toContain('zlib');
  });

  // Counts the functions compiled from strings at run time (zod's fast paths are `new Function`s).
  const countCompiles = `data:text/javascript,${encodeURIComponent(`
    let count = 0;
    globalThis.Function = new Proxy(Function, { construct: (target, args) => (count++, Reflect.construct(target, args)) });
    process.on('exit', () => process.stderr.write('COMPILED ' + count + '\\n'));
  `)}`;
  const compiled = (args: readonly string[]) => {
    const result = spawnSync(process.execPath, ['--import', countCompiles, ...args], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    return Number(/COMPILED (\d+)/.exec(result.stderr)?.[1]);
  };

  it('a rehearsal compiles no function from a string: zod parses without its fast paths, none of which a code cache keeps', () => {
    const out = mkdtempSync(join(tmpdir(), 'dc-jitless-'));
    try {
      expect(compiled([BIN, 'rehearse', '--out', out])).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    // The check can fail: zod as configured by default compiles one for an object schema it parses.
    const zod = new URL('../../node_modules/zod/index.js', import.meta.url).href;
    const parse = `const { z } = await import(${JSON.stringify(zod)}); z.object({ a: z.string() }).parse({ a: 'x' });`;
    expect(compiled(['--input-type=module', '-e', parse])).toBeGreaterThan(0);
  });
});
