import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * A substring index over key name, description and start, so `?q=` stays fast at a million
 * keys: FTS5 with the trigram tokenizer on SQLite, pg_trgm on PostgreSQL.
 *
 * On SQLite the index stores the key id without indexing it (trigrams of ids would double the
 * cost of every insert); `key_search_rows` maps ids to index rows for updates and deletes, so
 * nothing depends on the keys table's implicit rowid, which VACUUM may renumber.
 */
export function keySearch(dialect: Dialect['name']) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'postgres') {
        await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
        await sql`CREATE INDEX keys_search_trgm ON keys USING gin ((lower(name || ' ' || description || ' ' || token_start)) gin_trgm_ops)`.execute(db);
        return;
      }
      await sql`CREATE VIRTUAL TABLE key_search USING fts5(key_id UNINDEXED, name, description, token_start, tokenize = 'trigram')`.execute(db);
      await sql`CREATE TABLE key_search_rows (key_id VARCHAR(40) PRIMARY KEY, search_rowid INTEGER NOT NULL)`.execute(db);
      await sql`INSERT INTO key_search (key_id, name, description, token_start) SELECT id, name, description, token_start FROM keys`.execute(db);
      await sql`INSERT INTO key_search_rows (key_id, search_rowid) SELECT key_id, rowid FROM key_search`.execute(db);
      await sql`CREATE TRIGGER key_search_insert AFTER INSERT ON keys BEGIN
        INSERT INTO key_search (key_id, name, description, token_start) VALUES (new.id, new.name, new.description, new.token_start);
        INSERT INTO key_search_rows (key_id, search_rowid) VALUES (new.id, last_insert_rowid());
      END`.execute(db);
      await sql`CREATE TRIGGER key_search_delete AFTER DELETE ON keys BEGIN
        DELETE FROM key_search WHERE rowid = (SELECT search_rowid FROM key_search_rows WHERE key_id = old.id);
        DELETE FROM key_search_rows WHERE key_id = old.id;
      END`.execute(db);
      await sql`CREATE TRIGGER key_search_update AFTER UPDATE OF name, description, token_start ON keys BEGIN
        UPDATE key_search SET name = new.name, description = new.description, token_start = new.token_start
          WHERE rowid = (SELECT search_rowid FROM key_search_rows WHERE key_id = old.id);
      END`.execute(db);
    },
  };
}
