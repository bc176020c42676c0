import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../../test/support/test-database.ts';
import { openPostgresStore } from './postgres-store.ts';
import type { Store } from './connect.ts';

describe('PostgreSQL store', () => {
  let store: Store;
  let database: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    database = await createPostgresDatabase();
    // Idle connections' errors are the pool's to report; this test is about a held one.
    store = openPostgresStore(database.url, () => {});
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('survives a connection that dies while a transaction holds it between two queries', async () => {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      // The store's write is this pool's transaction; raw SQL needs the transaction itself.
      const transaction = store.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
        // The server ends this very connection while no query of ours is running on it.
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await sql`SELECT 1`.execute(trx);
      });
      await expect(transaction).rejects.toThrow();
      // The process is still here, and the pool serves again with a fresh connection.
      expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(store.db)).rows).toEqual([{ one: 1 }]);
    } finally {
      await admin.end();
    }
  });
});
