// What the standalone mock's bundle exports (dist/harness/reference-mock/main.bundle.cjs, built by
// scripts/bundle-mock-entry.mjs): the container entry (main.cjs and main.js call runContainerEntry) and
// what `dutyclaims-launch mock` runs (the bin calls runMockCli; the ES module CLI's command loads
// runStandaloneMock), so all start from one bundle and the one V8 code cache the build writes beside
// it. The build bundles this file as CommonJS: no top-level await.
import { runMockCli as runMockCommandLine } from '../cli/mock-cli.js';
import { parseMockEnv } from './env-config.js';
import { isReferenceMockError } from './errors.js';
import { runStandaloneMock } from './standalone.js';
import { standaloneMockSummary } from './standalone-summary.js';

export { runStandaloneMock, standaloneMockSummary };

/** `dutyclaims-launch mock <argv>` as the bin runs it: parses, serves until a signal, exits. */
export const runMockCli = (argv: readonly string[]): Promise<never> =>
  runMockCommandLine(argv, { runStandaloneMock, standaloneMockSummary });

/** The container entry: settings from DUTYCLAIMS_MOCK_* variables, serves until SIGTERM or SIGINT. */
export async function runContainerEntry(): Promise<void> {
  const config = parseMockEnv(process.env);
  if (!config.ok) {
    process.stderr.write(
      `reference mock: invalid configuration, fix these environment variables and start again:\n${config.problems
        .map((problem) => `  - ${problem}`)
        .join('\n')}\n`,
    );
    process.exit(2);
  }
  try {
    const handle = await runStandaloneMock({ ...config.options, credentials: 'none' });
    await handle.closed;
  } catch (error) {
    process.stderr.write(`reference mock: ${isReferenceMockError(error) ? error.message : String(error)}\n`);
    // Refused settings (e.g. a non-loopback host without the opt-in) are configuration: exit 2 as above.
    process.exit(isReferenceMockError(error) && error.code === 'MOCK_ERR_OPTIONS' ? 2 : 1);
  }
}
