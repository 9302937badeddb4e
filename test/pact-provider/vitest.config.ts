import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

/**
 * Provider verification of the pacts `pact-consumer` wrote (run that project first): Pact's verifier
 * against the embedded reference mock, against deviating mocks that must fail, and the
 * contract-hash check. Alone: `npx vitest run --project pact-provider`. Named `vitest.config.ts`: vitest 4
 * only accepts project files named `vitest.config.*` or `vitest.*.config.*`.
 */
export default defineProject({
  test: {
    name: 'pact-provider',
    // Paths below are relative to this folder, whether run as a project or with --config.
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.test.ts'],
    env: { PACT_DO_NOT_TRACK: 'true' },
    // One verification at a time: each starts a mock, a proxy and libpact's verifier.
    fileParallelism: false,
    // Each verification runs in a child process (it keeps the verifier's output in a buffer).
    testTimeout: 120_000,
    sequence: { groupOrder: 2 },
  },
});
