// Runs a process entry point from one CommonJS bundle with V8's code cache beside it (`<bundle>.cache`).
// Why: a cold `node dist/harness/reference-mock/main.js` spent a third of its start-up compiling the
// bundle it was about to run (issue 16: spawn -> first 200). Node 20 has no module compile cache
// (`module.enableCompileCache` is 22.1+), and ES modules cannot take cached data, so the build writes a
// CommonJS bundle, runs it once to serve, and keeps the code V8 compiled on that run. A cache from
// another Node or V8 version, or from an older bundle, is rejected by V8 (it checks both) and the
// bundle compiles as it would without one: the cache changes how fast the entry starts, never what it does.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** Set to 1 by the build's warm-up run (scripts/warm-code-cache.mjs); see {@link runEntryBundle}. */
export const WRITE_CODE_CACHE_ENV = 'DUTYCLAIMS_WRITE_CODE_CACHE';

/** The code cache file of a bundle. */
export const codeCachePath = (bundlePath: string): string => `${bundlePath}.cache`;

type CommonJsWrapper = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;

const v8 = (): typeof import('node:v8') => createRequire(import.meta.url)('node:v8');

const readIfPresent = (path: string): Buffer | undefined => {
  try {
    return readFileSync(path);
  } catch {
    return undefined; // no cache (a fresh tsc build, a trimmed copy): V8 compiles the bundle as usual
  }
};

export interface BundleOptions {
  /**
   * V8 flags this process runs the bundle under, set before it compiles (e.g. `--liftoff-only`).
   * They apply to the whole process: only process entry points (a CLI command, the mock's main) pass them.
   */
  readonly v8Flags?: readonly string[];
  /**
   * Node built-in modules the bundle will load, loaded before `v8Flags` are set. Node compiles its
   * built-ins with its own code cache, which V8 takes only under the flags it was made with: each
   * built-in first loaded after the flags compiles from source (~30 ms of a `rehearse`, issue 16).
   */
  readonly builtinsFirst?: readonly string[];
}

export interface BundleRun {
  /** What the bundle assigned to `module.exports`. */
  readonly exports: unknown;
  /** Whether V8 took the code cache (false: there was none, or V8 rejected it). */
  readonly usedCodeCache: boolean;
  /** Writes the code cache of everything compiled so far beside the bundle; returns its size in bytes. */
  writeCodeCache(): number;
}

/**
 * Runs the CommonJS bundle at `bundleUrl` as Node would `require` it, with its code cache when V8
 * accepts it.
 * @example runBundle(new URL('./main.bundle.cjs', import.meta.url));
 */
export function runBundle(bundleUrl: URL, options: BundleOptions = {}): BundleRun {
  const filename = fileURLToPath(bundleUrl);
  // Before the compile: V8 takes a code cache only under the flags it was written with, so the build's
  // warm-up, which runs this same line, writes the cache under these flags too.
  // node:v8 loads only then (~3 ms of a start that sets none, like the mock's).
  if (options.v8Flags?.length) {
    const load = createRequire(import.meta.url);
    for (const name of options.builtinsFirst ?? []) load(`node:${name}`);
    for (const flag of options.v8Flags) v8().setFlagsFromString(flag);
  }
  const cacheFile = codeCachePath(filename);
  const cachedData = readIfPresent(cacheFile);
  // The wrapper Node puts around a CommonJS module, on the bundle's first line so its positions stay exact.
  const source = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(filename, 'utf8')}\n})`;
  const script = new Script(source, { filename, ...(cachedData === undefined ? {} : { cachedData }) });
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as CommonJsWrapper;
  wrapper.call(module.exports, module.exports, createRequire(filename), module, filename, dirname(filename));
  return {
    exports: module.exports,
    usedCodeCache: cachedData !== undefined && !script.cachedDataRejected,
    writeCodeCache() {
      const data = script.createCachedData();
      writeFileSync(cacheFile, data);
      return data.length;
    },
  };
}

/**
 * Runs a bundle once per process (a process entry point, or one command of the CLI) and returns its
 * exports; on the build's warm-up run ({@link WRITE_CODE_CACHE_ENV}) writes its code cache when the
 * process exits, with every function that run compiled.
 */
export function runEntryBundle(bundleUrl: URL, options: BundleOptions = {}): unknown {
  const run = runBundle(bundleUrl, options);
  if (process.env[WRITE_CODE_CACHE_ENV] === '1') process.once('exit', () => run.writeCodeCache());
  return run.exports;
}

/**
 * A CLI command's code: `bundle` (where the bin's build put it, or null in tsc's output and source runs)
 * run as {@link runEntryBundle} runs it, or `load()` (the modules as usual) when there is no bundle.
 * The exports of the bundle are taken to be what `load()` resolves to.
 */
export async function loadCommandBundle<T>(
  bundle: URL | null,
  load: () => Promise<T>,
  options?: BundleOptions,
): Promise<T> {
  if (bundle === null || !existsSync(bundle)) return load();
  return runEntryBundle(bundle, options) as T;
}
