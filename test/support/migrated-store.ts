import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openStore, type Store } from '../../src/store/connect.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { createPostgresDatabase } from './test-database.ts';

/**
 * Before the tests of the describe block that calls it: a store of `engine`, migrated and
 * empty (a SQLite file in a folder of its own, or a PostgreSQL database of its own), handed to
 * `use`. After them: closed, and its file or database removed. For store tests that run on
 * both engines without a server (`describe.each(['sqlite', 'postgres'])`).
 */
export function withMigratedStore(engine: 'sqlite' | 'postgres', use: (store: Store) => void): void {
  let store: Store | undefined;
  let cleanup = async () => {};
  beforeAll(async () => {
    if (engine === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'keyward-store-'));
      store = openStore(`file:${join(dir, 'k.db')}`);
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const database = await createPostgresDatabase();
      store = openStore(database.url);
      cleanup = database.drop;
    }
    await migrateToLatest(store.db, store.dialect);
    use(store);
  });
  afterAll(async () => {
    await store?.close();
    await cleanup();
  });
}
