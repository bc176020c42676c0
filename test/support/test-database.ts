import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Which store this test run uses: SQLite by default, PostgreSQL when KEYWARD_TEST_STORE=postgres
 * (the "postgres" Vitest project sets it, so the same API suite runs on both).
 */
export const TEST_STORE: 'sqlite' | 'postgres' = process.env.KEYWARD_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** The machine's PostgreSQL (trust auth); each test server gets a database of its own in it. */
export const TEST_POSTGRES_URL = process.env.KEYWARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, uniquely named PostgreSQL database on the server at `adminUrl`, dropped again by `drop`. */
export async function createPostgresDatabase(adminUrl = TEST_POSTGRES_URL, stem = 'keyward_test'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${stem}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
