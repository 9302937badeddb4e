#!/usr/bin/env node
// The `dutyclaims-launch` bin. The build writes it as CommonJS (dist/harness/cli/bin.cjs): `mock` runs
// from the standalone mock's bundle and its code cache without Node's ES module loader, which costs
// ~20-30 ms of every start on Node 20 (issue 16: spawn -> first 200); every other command, and
// `mock --help` (which needs none of the mock's code), runs from the ES module CLI (./main.ts).
import { runEntryBundle } from '../code-cache/run-bundle.js';

const argv = process.argv.slice(2);
if (argv[0] === 'mock' && !argv.includes('--help') && !argv.includes('-h')) {
  const bundle = runEntryBundle(new URL('../reference-mock/main.bundle.cjs', import.meta.url)) as {
    runMockCli(argv: readonly string[]): Promise<never>;
  };
  void bundle.runMockCli(argv.slice(1));
} else void import('./main.js');
