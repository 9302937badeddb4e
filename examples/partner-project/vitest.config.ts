import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['launch/**/*.test.ts', 'contract/**/*.test.ts'],
    hookTimeout: 120_000,
    testTimeout: 120_000,
  },
});
