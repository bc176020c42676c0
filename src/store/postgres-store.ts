import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from './database.ts';
import { postgresDialect } from './dialect.ts';
import { LastUseOverlay } from './last-use-overlay.ts';
import { repositoriesOf } from './repositories.ts';
import { CoalescedUserRepository } from './coalesced-users.ts';
import { batchedWriter } from './write-batch.ts';
import { countingStatements, type StatementCount, type Store } from './store.ts';

// A handful of connections serves one node: verification answers from memory, and the
// management API's transactions are short.
const POOL_SIZE = 10;

/**
 * Opens PostgreSQL through a `pg` pool. Writes are ordinary transactions: PostgreSQL takes
 * concurrent writers itself, so the SQLite group commit is not needed here. What costs here is
 * the round trip of each statement: key creations that arrive together share one transaction
 * (`writeBatch`), and the look-up of each request's person is shared by the requests of one
 * turn of the event loop (CoalescedUserRepository).
 */
export function openPostgresStore(databaseUrl: string, onPoolError: (error: Error) => void): Store {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: POOL_SIZE,
    // Fail fast while the database is down, so callers answer 503 instead of hanging.
    connectionTimeoutMillis: 2000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection that dies (a PostgreSQL restart) must not take the process with it.
  pool.on('error', onPoolError);
  // Nor one that dies while checked out between two queries of a transaction: the pool listens
  // to idle connections only, and an 'error' nobody listens to ends the process. The work that
  // holds the connection still fails on its next query (and is answered 503); the pool drops
  // the broken connection when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  const statements: StatementCount = { total: 0 };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: countingStatements(statements) });
  const lastUses = new LastUseOverlay();
  return {
    db,
    dialect: postgresDialect,
    statements,
    lastUses,
    repos: { ...repositoriesOf(db, postgresDialect, { lastUses }), users: new CoalescedUserRepository(db, postgresDialect) },
    write: (work) => db.transaction().execute((trx) => work(repositoriesOf(trx, postgresDialect, { lastUses }))),
    writeBatch: batchedWriter((work) => db.transaction().execute(work), postgresDialect),
    databaseUrl,
    ping: async () => {
      await sql`SELECT 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
