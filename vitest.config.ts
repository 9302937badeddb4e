import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every project. Projects with a higher `sequence.groupOrder` run after the lower
 * ones finish: the unit and black-box tests first (0), then the Pact consumer tests (1), then the
 * provider verification of the pacts they wrote (2), then the container tests (3), then the
 * install of the packed tarball into an empty partner project (4).
 */
export default defineConfig({
  test: {
    env: { PACT_DO_NOT_TRACK: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['harness/**/*.test.ts', 'suites/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [
            '**/node_modules/**',
            'dist/**',
            'examples/**',
            'test/pact*/**',
            'test/container/**',
            'test/partner-install/**',
          ],
          // Generous: grading tests run partner processes, which take several times longer on two busy
          // cores; the bound only matters for a test that hangs.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      // Per-area projects (Pact consumer, Pact provider, container), each with its own directory as
      // root. vitest only accepts project files named `vitest.config.*` or `vitest.*.config.*`.
      'test/*/vitest.config.ts',
    ],
  },
});
