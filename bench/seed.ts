import { DatabaseSync } from 'node:sqlite';
import { newId } from '../src/domain/ids.ts';
import { hashPassword } from '../src/domain/password.ts';
import { generateToken, hashToken, tokenDisplay } from '../src/domain/token.ts';
import { openStore } from '../src/store/connect.ts';
import { migrateToLatest } from '../src/store/migrate.ts';

export type Seeded = {
  projectId: string;
  /** A management key holding `*`, for the create and list measurements. */
  adminToken: string;
  /** Tokens of seeded keys, spread over the whole set, for verify-valid. */
  validTokens: string[];
  /** Well-formed tokens (right checksum) that match no key, for verify-unknown. */
  unknownTokens: string[];
};

/**
 * Fills a fresh SQLite file with `count` keys the way the API would store them (keyed hash,
 * display parts, a permission group each), but in bulk: creating a million keys through the
 * API would take the benchmark minutes.
 */
export async function seedSqlite(path: string, secret: Buffer, count: number): Promise<Seeded> {
  const store = openStore(`file:${path}`);
  await migrateToLatest(store.db, store.dialect);
  await store.close();

  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;');
  const at = new Date().toISOString();
  const start = Date.now() - count;
  const adminId = newId('usr');
  const projectId = newId('prj');
  const groupId = newId('grp');
  db.prepare('INSERT INTO users (id, username, password_hash, role, active, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)')
    .run(adminId, 'admin', await hashPassword('bench-admin-password', 1024), 'admin', at, at);
  db.prepare('INSERT INTO projects (id, name, key_prefix, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(projectId, 'Bench', 'bn', at, at);
  db.prepare('INSERT INTO groups (id, name, description, permissions, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(groupId, 'bench', '', JSON.stringify(['*']), at, at);

  const insertKey = db.prepare(`INSERT INTO keys (id, project_id, name, description, token_start, token_end, enabled, owner_id, created_by,
    expires_at, last_used_at, ip_allowlist, meta, ratelimit, remaining, refill, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, 1, NULL, ?, NULL, NULL, '[]', '{}', NULL, NULL, NULL, ?, ?)`);
  const insertSecret = db.prepare("INSERT INTO key_secrets (hash, key_id, algorithm, expires_at, created_at) VALUES (?, ?, 'hmac-sha256', NULL, ?)");
  const insertGroup = db.prepare('INSERT INTO key_groups (key_id, group_id) VALUES (?, ?)');

  const validTokens: string[] = [];
  const sampleEvery = Math.max(1, Math.floor(count / 2000));
  let adminToken = '';
  db.exec('BEGIN');
  for (let i = 0; i < count; i++) {
    const id = newId('key', start + i);
    const token = generateToken('bn');
    const display = tokenDisplay(token);
    const created = new Date(start + i).toISOString();
    insertKey.run(id, projectId, `service ${i}`, `bench key number ${i}`, display.start, display.end, adminId, created, created);
    insertSecret.run(hashToken(secret, token), id, created);
    insertGroup.run(id, groupId);
    if (i === 0) adminToken = token;
    else if (i % sampleEvery === 0) validTokens.push(token);
    if (i % 50_000 === 49_999) {
      db.exec('COMMIT');
      db.exec('BEGIN');
    }
  }
  db.exec('COMMIT');
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();

  const unknownTokens = Array.from({ length: 2000 }, () => generateToken('bn'));
  return { projectId, adminToken, validTokens, unknownTokens };
}
