// The esbuild settings the build's bundles share (scripts/bundle-entries.mjs, scripts/bundle-mock-entry.mjs).
import { readFileSync, writeFileSync } from 'node:fs';

/** Keeps every bare import (a package) external except the ones `bundled` says to inline. */
export const externalPackages = (bundled) => ({
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
export const zodEnglishOnly = {
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
export const undiciHttp2OnDemand = {
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

export const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  allowOverwrite: true,
  legalComments: 'eof',
  logLevel: 'warning',
  plugins: [zodEnglishOnly, externalPackages((name) => name === 'zod')],
};

// What a CommonJS bundle that harness/code-cache runs needs: import.meta.url (the package-root lookup)
// becomes the bundle's own file URL, and import() becomes require(), as a vm script has no module
// loader of its own.
export const commonJsScript = {
  ...common,
  format: 'cjs',
  banner: { js: 'const __bundleFileUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__bundleFileUrl' },
  supported: { 'dynamic-import': false },
};

/**
 * Makes a bundle esbuild wrote ASCII-only: every non-ASCII UTF-16 unit becomes a `\uXXXX` escape.
 * esbuild escapes them in strings, regular expressions and identifiers, but not in comments (an em
 * dash of zod's) nor in tagged templates (the packet's `html`), whose raw text an escape would change.
 * Why: a file with one non-ASCII character is read into a two-byte string, which Node decodes more
 * slowly and V8 keeps at twice the size for its lazy compiles (the mock's spawn -> first 200 median
 * 192 -> 180 ms in 30 interleaved spawns). Safe for these bundles because their only tag, `html`,
 * joins the cooked strings, where the escape reads as the character; a bundle that uses String.raw
 * is refused. Run before the code cache is written (V8 takes a cache only for the same source).
 */
export function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  if (!/[\u0080-\uffff]/.test(text)) return;
  if (text.includes('String.raw'))
    throw new Error(`asciiOnly: ${file} uses String.raw, whose text an escape would change; leave it as it is.`);
  writeFileSync(
    file,
    text.replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}
