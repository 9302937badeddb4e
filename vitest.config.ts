import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every project. Projects with a higher `sequence.groupOrder` run after the lower
 * ones finish: the unit and black-box tests first, then the Pact consumer tests, then the provider
 * verification of the pacts they wrote, then the container tests. Each extra project keeps its own
 * config in `test/<area>/vitest.project.ts`.
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
          exclude: ['**/node_modules/**', 'dist/**', 'examples/**', 'test/pact/**', 'test/container/**'],
          testTimeout: 20_000,
          sequence: { groupOrder: 0 },
        },
      },
      'test/*/vitest.project.ts',
    ],
  },
});
