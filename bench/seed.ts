import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { newId } from '../src/domain/ids.ts';
import type { NamedLimit } from '../src/domain/named-limits.ts';
import { hashPassword } from '../src/domain/password.ts';
import { generateToken, hashToken, tokenDisplay } from '../src/domain/token.ts';
import { openStore } from '../src/store/connect.ts';
import { migrateToLatest } from '../src/store/migrate.ts';

export type Seeded = {
  projectId: string;
  /** A management key holding `*`, for the create and list measurements. */
  adminToken: string;
  /** Tokens of seeded keys, spread over the whole set (the working set), for verify-valid. */
  validTokens: string[];
  /** Ids and tokens of 2,000 more keys, for the benchmark to delete and then verify (verify-deleted). */
  deletableKeys: { id: string; token: string }[];
  /** Well-formed tokens (right checksum) that match no key, for verify-unknown. */
  unknownTokens: string[];
  /** Tokens of 2,000 more keys with a rate limit and a quota (never reached), for verify-limited. */
  limitedTokens: string[];
  /** Tokens of 2,000 more keys with two automatic named limits (never reached), for verify-named-limits. */
  namedLimitTokens: string[];
};

type Row = unknown[];

/** What every seeded key but the management key holds. */
export const BENCH_GRANTS = ['orders.read', 'orders.write', 'refunds.create'];
/** Writes rows of one table in bulk; each store does it its fastest way. */
type BulkWriter = { insert: (table: string, columns: string[], rows: Row[]) => Promise<void>; close: () => Promise<void> };

function sqliteWriter(path: string): BulkWriter {
  const db = new DatabaseSync(path);
  // A page cache large enough for the indexes being filled (SQLite's default is 2 MB: at millions
  // of keys every insert into the random-ordered hash index then went to the OS for its pages).
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY;');
  // The search index's trigger costs two thirds of a key's insert, row by row; filled in one
  // statement per batch instead it costs a third as much (FTS5 tokenizes and merges in bulk).
  const searchTrigger = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'key_search_insert'").get()?.sql as string | undefined;
  return {
    insert: async (table, columns, rows) => {
      const statement = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      const bulkSearch = table === 'keys' && searchTrigger !== undefined;
      db.exec('BEGIN');
      if (bulkSearch) db.exec('DROP TRIGGER key_search_insert');
      const lastRowid = bulkSearch ? Number((db.prepare('SELECT coalesce(max(rowid), 0) AS last FROM keys').get() as { last: number }).last) : 0;
      for (const row of rows) statement.run(...(row as (string | number | null)[]));
      if (bulkSearch) {
        const lastSearch = Number((db.prepare('SELECT coalesce(max(rowid), 0) AS last FROM key_search').get() as { last: number }).last);
        db.prepare('INSERT INTO key_search (key_id, name, description, token_start) SELECT id, name, description, token_start FROM keys WHERE rowid > ? ORDER BY rowid').run(lastRowid);
        db.prepare('INSERT INTO key_search_rows (key_id, search_rowid) SELECT key_id, rowid FROM key_search WHERE rowid > ?').run(lastSearch);
        db.exec(searchTrigger);
      }
      db.exec('COMMIT');
    },
    close: async () => {
      const counts = db.prepare('SELECT (SELECT count(*) FROM keys) AS keys, (SELECT count(*) FROM key_search_rows) AS indexed').get() as { keys: number; indexed: number };
      if (searchTrigger !== undefined && counts.keys !== counts.indexed) throw new Error(`seeded ${counts.keys} keys but indexed ${counts.indexed} for search`);
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

function postgresWriter(url: string): BulkWriter {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  return {
    insert: async (table, columns, rows) => {
      await connected;
      // Multi-row INSERTs of 1,000 rows stay under PostgreSQL's 65,535 parameters.
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        const values = chunk.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
        await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, chunk.flat());
      }
    },
    close: async () => {
      await connected;
      // What autovacuum does soon after a bulk load, done now: statistics for the planner, and
      // the trigram index's pending list merged (a GIN index scans its pending list on every
      // search; 323 pages of it tripled a searched list page's time).
      await client.query('VACUUM ANALYZE');
      await client.end();
    },
  };
}

/**
 * Fills a fresh store with `count` keys the way the API would store them (keyed hash, display
 * parts, a permission group each), but in bulk: creating a million keys through the API would
 * take the benchmark minutes.
 */
export async function seed(databaseUrl: string, secret: Buffer, count: number, options: { workingSet?: number; onProgress?: (written: number) => void } = {}): Promise<Seeded> {
  const store = openStore(databaseUrl);
  await migrateToLatest(store.db, store.dialect);
  await store.close();
  const writer = store.dialect.name === 'postgres' ? postgresWriter(databaseUrl) : sqliteWriter(databaseUrl.slice('file:'.length));

  const at = new Date().toISOString();
  const start = Date.now() - count;
  const adminId = newId('usr');
  const projectId = newId('prj');
  // Key 0 is the benchmark's management key (`*`); every other key holds plain grants, no
  // wildcard, so the verify-permission scenario measures the evaluator on ordinary keys.
  const adminGroupId = newId('grp');
  const groupId = newId('grp');
  await writer.insert('users', ['id', 'username', 'password_hash', 'role', 'active', 'created_at', 'updated_at'], [
    [adminId, 'admin', await hashPassword('bench-admin-password', 1024), 'admin', 1, at, at],
  ]);
  await writer.insert('projects', ['id', 'name', 'key_prefix', 'created_at', 'updated_at'], [[projectId, 'Bench', 'bn', at, at]]);
  await writer.insert('groups', ['id', 'name', 'description', 'permissions', 'created_at', 'updated_at'], [
    [adminGroupId, 'bench admin', '', JSON.stringify(['*']), at, at],
    [groupId, 'bench', '', JSON.stringify(BENCH_GRANTS), at, at],
  ]);

  const validTokens: string[] = [];
  const sampleEvery = Math.max(1, Math.floor(count / (options.workingSet ?? 2000)));
  let adminToken = '';
  const BATCH = 50_000;
  for (let first = 0; first < count; first += BATCH) {
    const keys: Row[] = [];
    const secrets: Row[] = [];
    const groups: Row[] = [];
    for (let i = first; i < Math.min(count, first + BATCH); i++) {
      const id = newId('key', start + i);
      const token = generateToken('bn');
      const display = tokenDisplay(token);
      const created = new Date(start + i).toISOString();
      keys.push([id, projectId, `service ${i}`, `bench key number ${i}`, display.start, display.end, 1, adminId, '[]', '{}', created, created]);
      secrets.push([hashToken(secret, token), id, 'hmac-sha256', created]);
      groups.push([id, i === 0 ? adminGroupId : groupId]);
      if (i === 0) adminToken = token;
      else if (i % sampleEvery === 0) validTokens.push(token);
    }
    await writer.insert('keys', ['id', 'project_id', 'name', 'description', 'token_start', 'token_end', 'enabled', 'created_by', 'ip_allowlist', 'meta', 'created_at', 'updated_at'], keys);
    await writer.insert('key_secrets', ['hash', 'key_id', 'algorithm', 'created_at'], secrets);
    await writer.insert('key_groups', ['key_id', 'group_id'], groups);
    options.onProgress?.(Math.min(count, first + BATCH));
  }
  // Keys with limits far above what the run can spend, so every answer is VALID and each one
  // pays the limit checks: a rate limit (the single one, named default) and a quota; and two
  // automatic named limits (a second and a minute), each a sliding window of its own.
  const huge = 1_000_000_000;
  const limitedTokens = await seedLimitedKeys(writer, { secret, projectId, adminId, groupId, at, name: 'limited', remaining: 1_000_000_000_000,
    ratelimits: [{ name: 'default', limit: huge, durationMs: 60_000, autoApply: true }] });
  const namedLimitTokens = await seedLimitedKeys(writer, { secret, projectId, adminId, groupId, at, name: 'named limits', remaining: null,
    ratelimits: [{ name: 'per-second', limit: huge, durationMs: 1000, autoApply: true }, { name: 'per-minute', limit: huge, durationMs: 60_000, autoApply: true }] });
  const deletableKeys: { id: string; token: string }[] = [];
  const deletable = { keys: [] as Row[], secrets: [] as Row[], groups: [] as Row[] };
  for (let i = 0; i < 2000; i++) {
    const id = newId('key');
    const token = generateToken('bn');
    const display = tokenDisplay(token);
    deletable.keys.push([id, projectId, `deletable ${i}`, `bench key to delete ${i}`, display.start, display.end, 1, adminId, '[]', '{}', at, at]);
    deletable.secrets.push([hashToken(secret, token), id, 'hmac-sha256', at]);
    deletable.groups.push([id, groupId]);
    deletableKeys.push({ id, token });
  }
  await writer.insert('keys', ['id', 'project_id', 'name', 'description', 'token_start', 'token_end', 'enabled', 'created_by', 'ip_allowlist', 'meta', 'created_at', 'updated_at'], deletable.keys);
  await writer.insert('key_secrets', ['hash', 'key_id', 'algorithm', 'created_at'], deletable.secrets);
  await writer.insert('key_groups', ['key_id', 'group_id'], deletable.groups);
  await writer.close();

  const unknownTokens = Array.from({ length: 2000 }, () => generateToken('bn'));
  return { projectId, adminToken, validTokens, deletableKeys, unknownTokens, limitedTokens, namedLimitTokens };
}

/** Writes 2,000 keys with these limits (and the bench grants); returns their tokens. */
async function seedLimitedKeys(writer: BulkWriter, options: {
  secret: Buffer; projectId: string; adminId: string; groupId: string; at: string; name: string; remaining: number | null; ratelimits: NamedLimit[];
}): Promise<string[]> {
  const { secret, projectId, adminId, groupId, at } = options;
  const tokens: string[] = [];
  const keys: Row[] = [];
  const secrets: Row[] = [];
  const groups: Row[] = [];
  for (let i = 0; i < 2000; i++) {
    const id = newId('key');
    const token = generateToken('bn');
    const display = tokenDisplay(token);
    keys.push([id, projectId, `${options.name} ${i}`, `bench key with ${options.name} ${i}`, display.start, display.end, 1, adminId, '[]', '{}', at, at,
      JSON.stringify(options.ratelimits), options.remaining]);
    secrets.push([hashToken(secret, token), id, 'hmac-sha256', at]);
    groups.push([id, groupId]);
    tokens.push(token);
  }
  await writer.insert('keys', ['id', 'project_id', 'name', 'description', 'token_start', 'token_end', 'enabled', 'created_by', 'ip_allowlist', 'meta', 'created_at', 'updated_at', 'ratelimits', 'remaining'], keys);
  await writer.insert('key_secrets', ['hash', 'key_id', 'algorithm', 'created_at'], secrets);
  await writer.insert('key_groups', ['key_id', 'group_id'], groups);
  return tokens;
}
