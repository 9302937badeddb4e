// tsc and esbuild do not set the executable bit: make the bin and the CLI's ES module entry runnable
// straight from dist/.
import { chmodSync } from 'node:fs';

for (const entry of ['bin.cjs', 'main.js']) chmodSync(new URL(`../dist/harness/cli/${entry}`, import.meta.url), 0o755);
