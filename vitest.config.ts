import { configDefaults, defineConfig } from 'vitest/config';

// The API suite runs twice: on the embedded SQLite store and on PostgreSQL (a database of its
// own per test server, in the machine's PostgreSQL). Tests that read SQLite files directly, or
// that drive the browser or child processes, run on SQLite only.
const API_SUITE = ['src/http/routes/**/*.test.ts', 'src/services/**/*.test.ts', 'test/api/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: API_SUITE,
          exclude: [...configDefaults.exclude, 'test/api/token-secrecy.test.ts'],
          env: { KEYWARD_TEST_STORE: 'postgres' },
        },
      },
    ],
  },
});
