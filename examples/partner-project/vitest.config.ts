import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['launch/**/*.test.ts'],
    hookTimeout: 120_000,
  },
});
