import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// The API suite runs twice: on the embedded SQLite store and on PostgreSQL (a database of its
// own per test server, in the machine's PostgreSQL). Tests that read SQLite files directly, or
// that drive the browser or child processes, run on SQLite only.
const API_SUITE = ['src/http/routes/**/*.test.ts', 'src/services/**/*.test.ts', 'test/api/**/*.test.ts'];

// Workspace packages (packages/sdk) resolve to their TypeScript sources, as in tsconfig.json;
// the rest are Vite's default conditions.
const SOURCE = '@keyward/source';

export default defineConfig({
  resolve: { conditions: [SOURCE, 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: [SOURCE, 'module', 'node', 'development|production'] } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default is a worker per core less one: one on CI's two cores, where most files
    // wait on a browser, a child process or PostgreSQL. Two workers there: the two projects'
    // 232 files in 529 s instead of 963 s (2026-12-04), with every test passing.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'packages/**/*.test.ts', 'examples/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/cluster/**'],
        },
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
      {
        // Several Keyward processes and servers stopped on purpose: run alone (`npm test` runs
        // this project after the others), so their timings are not another suite's load.
        extends: true,
        test: { name: 'cluster', include: ['test/cluster/**/*.test.ts'], fileParallelism: false },
      },
    ],
  },
});
