import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

/**
 * The Pact consumer tests: the harness's client against Pact's mock server, one interaction per
 * test, written to `pacts/` (cleared first). Runs after the unit project and before `pact-provider`,
 * which verifies what this project wrote. Alone: `npx vitest run --project pact-consumer`. Named `vitest.config.ts`: vitest 4
 * only accepts project files named `vitest.config.*` or `vitest.*.config.*`.
 */
export default defineProject({
  test: {
    name: 'pact-consumer',
    // Paths below are relative to this folder, whether run as a project or with --config.
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.test.ts'],
    globalSetup: ['./global-setup.ts'],
    env: { PACT_DO_NOT_TRACK: 'true' },
    // Every test merges into the same pact file: one file at a time.
    fileParallelism: false,
    testTimeout: 30_000,
    sequence: { groupOrder: 1 },
  },
});
