// Bundles the two process entry points after tsc, in place: the container entry of the reference mock
// (dist/harness/reference-mock/main.cjs and main.js, scripts/bundle-mock-entry.mjs) and the CLI
// (dist/harness/cli/main.js, with its commands split into chunks that still load only when a command
// runs). Why: a cold start of either spent most of its time loading ~90 of our ES modules and zod's ~95
// one by one; one file (zod inlined) parses and links at a fraction of that (issue 16: spawn -> first
// 200, `rehearse` wall). Library entry points (`exports`)
// stay unbundled so a program importing two of them shares one copy of each module (and of zod).
// The mock's entry and the rehearsal also get a V8 code cache (scripts/warm-code-cache.mjs).
// Other packages stay external: they are dependencies or optional peers resolved from node_modules.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { bundleMockEntry } from './bundle-mock-entry.mjs';
import {
  asciiOnly,
  common,
  commonJsScript,
  externalPackages,
  undiciHttp2OnDemand,
  zodEnglishOnly,
} from './esbuild-options.mjs';
import { warmRehearsalCodeCache } from './warm-code-cache.mjs';

const dist = new URL('../dist/harness/', import.meta.url).pathname;
// docker/build-image.sh bundles its staged copy of the mock's entry the same way.
await bundleMockEntry(dist);

rmSync(`${dist}cli/chunks`, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { main: `${dist}cli/main.js` },
  outdir: `${dist}cli`,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // `rehearse` and `smoke` run the bundle built below (harness/cli/commands/rehearse.ts), `mock` the
  // container entry's (harness/cli/commands/mock.ts); paths from chunks/.
  define: {
    __DUTYCLAIMS_REHEARSAL_BUNDLE__: JSON.stringify('../rehearse-run.bundle.cjs'),
    __DUTYCLAIMS_MOCK_BUNDLE__: JSON.stringify('../../reference-mock/main.bundle.cjs'),
  },
});

// The bin (harness/cli/bin.ts) as CommonJS: `mock` starts from the mock's bundle without Node's ES
// module loader; every other command is a real import() of the ES module CLI above.
await build({
  ...commonJsScript,
  plugins: [],
  external: ['./main.js'],
  supported: { 'dynamic-import': true },
  entryPoints: [`${dist}cli/bin.js`],
  outfile: `${dist}cli/bin.cjs`,
});
for (const emitted of ['bin.js', 'bin.js.map', 'bin.d.ts', 'bin.d.ts.map'])
  rmSync(`${dist}cli/${emitted}`, { force: true });

// `rehearse` and `smoke`: the run's code (cli/rehearse-run.js) as one CommonJS bundle that the bin's
// command loads with its code cache (harness/cli/commands/rehearse.ts). undici is inlined too: resolving
// and compiling its ~30 files one by one was a large part of a cold run. Pact and testcontainers stay
// external (a run never loads them).
const REHEARSAL_INLINED = new Set(['zod', 'undici', 'canonicalize']);
const rehearsalBundle = `${dist}cli/rehearse-run.bundle.cjs`;
await build({
  ...commonJsScript,
  plugins: [zodEnglishOnly, undiciHttp2OnDemand, externalPackages((name) => REHEARSAL_INLINED.has(name))],
  entryPoints: [`${dist}cli/rehearse-run.js`],
  outfile: rehearsalBundle,
});
asciiOnly(rehearsalBundle);
await warmRehearsalCodeCache(`${dist}cli/main.js`, rehearsalBundle);
