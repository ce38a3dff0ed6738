import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['platform/**/*.test.ts', 'gateway/**/*.test.ts', 'subgraphs/**/*.test.ts', 'db/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances and servers are heavy; a couple of workers keep 2 cores busy without thrashing.
    maxWorkers: 2,
    pool: 'forks',
  },
});
