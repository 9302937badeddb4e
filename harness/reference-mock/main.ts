// The standalone mock: `node dist/harness/reference-mock/main.cjs` (the container's entry) or `main.js`.
// Settings come from DUTYCLAIMS_MOCK_* variables. The build bundles this file (as CommonJS, with a code
// cache: harness/code-cache, scripts/bundle-mock-entry.mjs), so no top-level await.
import { parseMockEnv } from './env-config.js';
import { isReferenceMockError } from './errors.js';
import { runStandaloneMock } from './standalone.js';

async function main(): Promise<void> {
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

void main();
