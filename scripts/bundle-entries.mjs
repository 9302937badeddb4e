// Bundles the two process entry points after tsc, in place: the container entry of the reference mock
// (dist/harness/reference-mock/main.js) and the CLI (dist/harness/cli/main.js, with its commands split
// into chunks that still load only when a command runs). Why: a cold start of either spent most of its
// time loading ~90 of our ES modules and zod's ~95 one by one; one file (zod inlined) parses and links
// at a fraction of that (issue 16: spawn -> first 200, `rehearse` wall). Library entry points (`exports`)
// stay unbundled so a program importing two of them shares one copy of each module (and of zod).
// The mock's entry also gets a V8 code cache (scripts/warm-code-cache.mjs).
// Other packages stay external: they are dependencies or optional peers resolved from node_modules.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { warmCodeCache, warmRehearsalCodeCache } from './warm-code-cache.mjs';

const dist = new URL('../dist/harness/', import.meta.url).pathname;
const BUNDLED_PACKAGES = new Set(['zod']);

/** Keeps every bare import (a package) external except the ones `bundled` says to inline. */
const externalPackages = (bundled) => ({
  name: 'external-packages',
  setup(plugin) {
    plugin.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      if (args.path.startsWith('node:') || !bundled(name)) return { path: args.path, external: true };
      return undefined;
    });
  },
});

/**
 * zod exports every locale (`z.locales`, ~40 of them); a bundle would evaluate them all at start-up
 * (~30 ms of CPU of a mock's ~300 here). These entry points never switch zod's locale, so they keep
 * English, the one zod configures by default.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(plugin) {
    plugin.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes('/node_modules/zod/')
        ? { path: 'zod-locales', namespace: 'zod-english-only', pluginData: args.resolveDir }
        : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(`${args.pluginData}/../locales/en.js`)};`,
      resolveDir: args.pluginData,
    }));
  },
};

/**
 * undici's client requires its HTTP/2 module at load, and that module requires node:http2 (and with it
 * node:tls): ~7 ms of every start for a client that speaks HTTP/1.1 (undici negotiates h2 only when
 * `allowH2` is set, which the harness never does). The bundle loads it when a connection asks for it.
 */
const undiciHttp2OnDemand = {
  name: 'undici-http2-on-demand',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\/client-h2\.js$/ }, (args) =>
      args.importer.endsWith('/node_modules/undici/lib/dispatcher/client.js')
        ? { path: `${args.resolveDir}/client-h2.js`, namespace: 'undici-http2-on-demand', pluginData: args.resolveDir }
        : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'undici-http2-on-demand' }, (args) => ({
      contents: `let connectH2;
module.exports = function connectH2OnDemand(client, socket) {
  connectH2 ??= require('./client-h2.js');
  return connectH2(client, socket);
};`,
      resolveDir: args.pluginData,
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  allowOverwrite: true,
  legalComments: 'eof',
  logLevel: 'warning',
  plugins: [zodEnglishOnly, externalPackages((name) => BUNDLED_PACKAGES.has(name))],
};

// What a CommonJS bundle that harness/code-cache runs needs: import.meta.url (the package-root lookup)
// becomes the bundle's own file URL, and import() becomes require(), as a vm script has no module
// loader of its own.
const commonJsScript = {
  ...common,
  format: 'cjs',
  banner: { js: 'const __bundleFileUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__bundleFileUrl' },
  supported: { 'dynamic-import': false },
};

// The mock's container entry: its code as one CommonJS bundle (V8 takes a code cache only for a
// script, not an ES module), main.js a small loader that runs it with the cache (harness/code-cache),
// and a warm-up run that serves a few requests and writes the cache.
const mockBundle = `${dist}reference-mock/main.bundle.cjs`;
await build({
  ...commonJsScript,
  // A CommonJS bundle cannot require an ES-only package (canonicalize): every package is inlined but
  // undici, which is CommonJS and loads with the first webhook delivery.
  plugins: [zodEnglishOnly, externalPackages((name) => name !== 'undici')],
  entryPoints: [`${dist}reference-mock/main.js`],
  outfile: mockBundle,
});
await build({
  ...common,
  stdin: {
    contents: `import { runEntryBundle } from '../code-cache/run-bundle.js';\nrunEntryBundle(new URL('./main.bundle.cjs', import.meta.url));\n`,
    resolveDir: `${dist}reference-mock`,
    sourcefile: 'main.js',
  },
  outfile: `${dist}reference-mock/main.js`,
});
await warmCodeCache(`${dist}reference-mock/main.js`, mockBundle);

rmSync(`${dist}cli/chunks`, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { main: `${dist}cli/main.js` },
  outdir: `${dist}cli`,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // `rehearse` and `smoke` run the bundle built below (harness/cli/commands/rehearse.ts), from chunks/.
  define: { __DUTYCLAIMS_REHEARSAL_BUNDLE__: JSON.stringify('../rehearse-run.bundle.cjs') },
});

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
await warmRehearsalCodeCache(`${dist}cli/main.js`, rehearsalBundle);
