import { sql, type Kysely } from 'kysely';

/**
 * A partial index over the secrets of imported keys (anything not `hmac-sha256`, our own
 * tokens' hash). Verification asks "does any imported key exist?" before it looks up a token
 * that is not in our format; this answers it from an index that holds only imported rows, so
 * our own keys' inserts pay nothing for it. SQLite and PostgreSQL both take this statement.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX key_secrets_imported ON key_secrets (algorithm) WHERE algorithm <> 'hmac-sha256'`.execute(db);
}
