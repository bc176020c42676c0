import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { KeyHashScan } from '../../src/store/key-hash-filter.ts';
import type { App } from '../../src/http/app-types.ts';
import { createPostgresDatabase, TEST_STORE } from './test-database.ts';

export const ADMIN = { username: 'admin', password: 'correct-horse-battery-staple' };
export const TEST_SECRET = 'test-secret-that-is-long-enough-for-keyward-0123456789';

/**
 * A Keyward on a real port with a fresh database (a SQLite file, or its own PostgreSQL database
 * when KEYWARD_TEST_STORE=postgres), its log lines, and a movable clock.
 */
export type TestServer = {
  url: string;
  app: App;
  dir: string;
  /** Which store this server runs on. */
  store: 'sqlite' | 'postgres';
  /** The SQLite file (meaningful only when store is 'sqlite'). */
  dbPath: string;
  databaseUrl: string;
  logs: string[];
  /** Moves the server's clock forward by ms. */
  advance: (ms: number) => void;
  now: () => number;
  close: () => Promise<void>;
};

/**
 * `usageFlushMs`: how often usage and quota counts are written behind (50 ms unless a test needs
 * them held in memory).
 * `passwordCost`: the scrypt cost of password hashes (1024 unless a test needs checks that take
 * long enough to overlap).
 * `webhookPollMs`: how often the server looks for due webhook deliveries by itself. Off by
 * default: tests move the clock and then call `server.app.webhooks.runOnce()`, so deliveries
 * happen when a test says (and never change the database while a test compares snapshots).
 * `restartOf`: a server (its app closed) whose database this one opens, as a restart does;
 * the database stays that server's, removed by its `close()`.
 * `keyHashScan`: how the SQLite store's filter of token hashes is filled (tests step it).
 */
export async function startTestServer(options: { env?: Record<string, string>; withAdmin?: boolean; webhookPollMs?: number; usageFlushMs?: number; passwordCost?: number; restartOf?: TestServer; keyHashScan?: KeyHashScan } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-test-'));
  const withAdmin = options.withAdmin ?? true;
  const dbPath = options.restartOf?.dbPath ?? join(dir, 'keyward.db');
  const postgres = TEST_STORE === 'postgres' && !options.restartOf ? await createPostgresDatabase() : undefined;
  const databaseUrl = options.restartOf?.databaseUrl ?? postgres?.url ?? `file:${dbPath}`;
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'info',
    KEYWARD_SECRET: TEST_SECRET,
    // Test receivers listen on 127.0.0.1.
    KEYWARD_WEBHOOK_ALLOW_PRIVATE: 'true',
    ...(withAdmin ? { KEYWARD_ADMIN_USERNAME: ADMIN.username, KEYWARD_ADMIN_PASSWORD: ADMIN.password } : {}),
    ...options.env,
  });
  const logs: string[] = [];
  let offset = 0;
  const now = () => Date.now() + offset;
  const app = await buildApp({
    config,
    secret: Buffer.from(TEST_SECRET),
    clock: now,
    passwordCost: options.passwordCost ?? 1024,
    usageFlushMs: options.usageFlushMs ?? 50,
    webhookPollMs: options.webhookPollMs ?? 0,
    logStream: { write: (line) => void logs.push(line) },
    keyHashScan: options.keyHashScan,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    dir,
    store: TEST_STORE,
    dbPath,
    databaseUrl,
    logs,
    advance: (ms) => {
      offset += ms;
    },
    now,
    close: async () => {
      await app.close();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
