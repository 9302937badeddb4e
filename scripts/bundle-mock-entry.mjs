// The reference mock's container entry, bundled: its code as one CommonJS bundle (V8 takes a code cache
// only for a script, not an ES module), two small loaders that run it with the cache
// (harness/code-cache), and a warm-up run that serves a few requests and writes the cache. The bundle
// (harness/reference-mock/standalone-bundle.ts) also exports what `dutyclaims-launch mock` runs: the
// CLI's command loads the same file and cache.
//   main.cjs  the container's entry (docker/Dockerfile): a CommonJS loader starts without Node's ES
//             module loader, ~10 ms of every spawn (issue 16: spawn -> first 200)
//   main.js   the same for `node dist/harness/reference-mock/main.js`, as documented before main.cjs
// Usage: node scripts/bundle-mock-entry.mjs <harness dir>  (docker/build-image.sh, on its staged copy);
// the package's build calls bundleMockEntry from scripts/bundle-entries.mjs.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { asciiOnly, common, commonJsScript, externalPackages, zodEnglishOnly } from './esbuild-options.mjs';
import { warmCodeCache } from './warm-code-cache.mjs';

const LOADER = `import { runEntryBundle } from '../code-cache/run-bundle.js';\nrunEntryBundle(new URL('./main.bundle.cjs', import.meta.url)).runContainerEntry();\n`;

/**
 * Bundles `<harnessDir>/reference-mock/standalone-bundle.js` (tsc's output) as main.bundle.cjs, writes
 * the loaders over main.js and main.cjs, and writes the bundle's code cache.
 */
export async function bundleMockEntry(harnessDir) {
  const dir = `${resolve(harnessDir)}/reference-mock`;
  const mockBundle = `${dir}/main.bundle.cjs`;
  await build({
    ...commonJsScript,
    // A CommonJS bundle cannot require an ES-only package (canonicalize): every package is inlined but
    // undici, which is CommonJS and loads with the first webhook delivery.
    plugins: [zodEnglishOnly, externalPackages((name) => name !== 'undici')],
    entryPoints: [`${dir}/standalone-bundle.js`],
    outfile: mockBundle,
  });
  asciiOnly(mockBundle);
  for (const [options, file] of [
    [commonJsScript, 'main.cjs'],
    [common, 'main.js'],
  ])
    await build({
      ...options,
      plugins: [],
      stdin: { contents: LOADER, resolveDir: dir, sourcefile: file },
      outfile: `${dir}/${file}`,
    });
  // Either loader runs the same script under the same flags, so one warm-up writes the cache for both.
  return warmCodeCache(`${dir}/main.cjs`, mockBundle);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const harnessDir = process.argv[2];
  if (!harnessDir) {
    console.error('usage: node scripts/bundle-mock-entry.mjs <harness dir (tsc output)>');
    process.exit(2);
  }
  await bundleMockEntry(harnessDir);
}
