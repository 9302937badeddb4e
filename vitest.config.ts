import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'suites/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', 'examples/**'],
    env: { PACT_DO_NOT_TRACK: 'true' },
    testTimeout: 20_000,
  },
});
