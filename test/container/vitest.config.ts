import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

/**
 * The reference mock in a container (testcontainers). Runs after the other projects; skipped with
 * the reason printed when there is no Docker engine or image, required (fails) in CI.
 * Alone: `npx vitest run --config test/container/vitest.config.ts` (or `--project container` once
 * the root config lists it). Named `vitest.config.ts`: vitest 4 rejects project files that are not
 * named `vitest.config.*` or `vitest.*.config.*`.
 */
export default defineProject({
  test: {
    name: 'container',
    // Paths below are relative to this folder, whether run as a project or with --config.
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.test.ts'],
    globalSetup: ['./global-setup.ts'],
    env: {
      // Ryuk would be pulled from Docker Hub; the global setup removes leftovers instead.
      TESTCONTAINERS_RYUK_DISABLED: 'true',
      // The machine has /.dockerenv: without this testcontainers looks for a bridge network.
      TESTCONTAINERS_HOST_OVERRIDE: '127.0.0.1',
      PACT_DO_NOT_TRACK: 'true',
    },
    // One container at a time: two cores, and start-up times stay meaningful.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    sequence: { groupOrder: 3 },
  },
});
