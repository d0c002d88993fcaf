import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'bench/**/*.test.ts',
      'web/src/**/*.test.ts',
      'web/src/**/*.test.tsx',
    ],
    // PostgreSQL first: the demo fixture's teardown drops its databases on that server
    globalSetup: [
      'test-support/postgres-global-setup.ts',
      'test-support/demo-fixture-global-setup.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
