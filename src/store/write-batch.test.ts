import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './connect.ts';
import type { KeyTable } from './database.ts';
import type { Repositories } from './repositories.ts';
import type { BatchReads } from './write-batch.ts';
import { withMigratedStore } from '../../test/support/migrated-store.ts';

// Several works in one transaction (key creations): each settles alone, reads what was read up
// front without a statement of its own, and the batch's inserts are a statement per table.
describe.each(['sqlite', 'postgres'] as const)('works written together (%s)', (engine) => {
  let store: Store;
  const at = '2026-12-03T10:00:00.000Z';
  const reads: BatchReads = { projects: ['prj_1', 'prj_gone'], users: ['usr_1'], usernames: [], identities: [], externalIds: [], groups: ['grp_1'] };

  withMigratedStore(engine, (opened) => (store = opened));
  beforeAll(async () => {
    await store.db.insertInto('projects').values({ id: 'prj_1', name: 'p', key_prefix: 'pp', created_at: at, updated_at: at }).execute();
    await store.db.insertInto('users').values({ id: 'usr_1', username: 'mia', password_hash: null, role: 'member', active: 1, created_at: at, updated_at: at }).execute();
    await store.db.insertInto('groups').values({ id: 'grp_1', name: 'g', description: '', permissions: '["orders.read"]', created_at: at, updated_at: at }).execute();
    await store.db.insertInto('user_groups').values({ user_id: 'usr_1', group_id: 'grp_1' }).execute();
  });
  const key = (id: string, projectId = 'prj_1'): KeyTable => ({
    id, project_id: projectId, name: id, description: '', token_start: 'pp_x', token_end: 'abcd', enabled: 1, owner_id: null, created_by: 'usr_1',
    expires_at: null, last_used_at: null, ip_allowlist: '[]', meta: '{}', ratelimits: '[]', identity_id: null, remaining: null, refill: null, last_refill_at: null, created_at: at, updated_at: at,
  });
  /** A work as a creation does it: look-ups, then a key, its hash, its group and its audit event. */
  const creation = (id: string, options: { projectId?: string; fail?: boolean } = {}) => async (tx: Repositories) => {
    const project = await tx.projects.find(options.projectId ?? 'prj_1', 'share');
    const user = await tx.users.find('usr_1', 'share');
    const grants = await tx.users.grantsOf(user!);
    const groups = await tx.groups.findMany(['grp_1']);
    await tx.keys.insert(key(id, options.projectId ?? 'prj_1'));
    await tx.secrets.insert(id, `hash-${id}`, at);
    await tx.keys.setGroups(id, groups.map((group) => group.id), { replace: false });
    await tx.audit.insert({ id: `evt_${id}`, at, actor_type: 'user', actor_id: 'usr_1', actor_name: 'mia', action: 'key.created', target_type: 'key', target_id: id, key_id: id, detail: '{}' });
    await tx.webhooks.subscribersOf('key.created');
    if (options.fail) throw new Error(`refused after writing ${id}`);
    return { project: project?.id, grants };
  };
  const stored = async (ids: string[]) => ({
    keys: (await store.db.selectFrom('keys').select('id').where('id', 'in', ids).execute()).length,
    secrets: (await store.db.selectFrom('key_secrets').select('key_id').where('key_id', 'in', ids).execute()).length,
    groups: (await store.db.selectFrom('key_groups').select('key_id').where('key_id', 'in', ids).execute()).length,
    audit: (await store.db.selectFrom('audit_events').select('id').where('key_id', 'in', ids).execute()).length,
  });

  it('settles each work alone: one that throws leaves nothing, the others are written', async () => {
    const settled = await store.writeBatch(reads, [creation('key_a'), creation('key_b', { fail: true }), creation('key_c')]);
    expect(settled.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    expect(settled[0]).toEqual({ ok: true, value: { project: 'prj_1', grants: ['orders.read'] } });
    expect(String((settled[1] as { error: unknown }).error)).toMatch(/refused after writing key_b/);
    expect(await stored(['key_a', 'key_c'])).toEqual({ keys: 2, secrets: 2, groups: 2, audit: 2 });
    expect(await stored(['key_b'])).toEqual({ keys: 0, secrets: 0, groups: 0, audit: 0 });
  });

  it('costs a few statements for the whole batch, not a few per work', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `key_many_${i}`);
    const before = store.statements.total;
    const settled = await store.writeBatch(reads, ids.map((id) => creation(id)));
    expect(settled.every((outcome) => outcome.ok)).toBe(true);
    // Read up front: projects, users, their groups (grants), groups; the webhooks once (on
    // PostgreSQL projects, users and webhooks in one statement); then keys, key_groups,
    // key_secrets, audit_events, in one statement on PostgreSQL; BEGIN and COMMIT (and on
    // SQLite the group commit's SAVEPOINT and RELEASE): for 20 works, each of which would run 9
    // alone.
    expect(store.statements.total - before).toBeLessThanOrEqual(engine === 'postgres' ? 6 : 13);
    expect(await stored(ids)).toEqual({ keys: 20, secrets: 20, groups: 20, audit: 20 });
  });

  it('answers a row that is not there as absent, from what was read up front', async () => {
    const [outcome] = await store.writeBatch(reads, [async (tx) => (await tx.projects.find('prj_gone', 'share')) ?? 'absent']);
    expect(outcome).toEqual({ ok: true, value: 'absent' });
  });

  it('stores each value as given, whichever form the rows are sent in (one JSON parameter on PostgreSQL)', async () => {
    // Text that JSON escapes (quotes, backslashes, control characters), other scripts, numbers
    // and nulls. Then a batch PostgreSQL is sent the parameter way: a lone surrogate (which a
    // parameter stores as U+FFFD) and a text that reads like the escape of one.
    const json = ['quote " and \\ backslash', 'line\nbreak\ttab \u0001', 'naïve 漢字 🙂'];
    const parameters = ['looks like \\u0000 and \\ud800', 'lone \ud800 surrogate'];
    const rows = [...json, ...parameters].map((name, i) => ({ ...key(`key_value_${i}`), name, description: `d${i}`, remaining: i === 1 ? 9_007_199_254_740_991 : null, expires_at: i === 2 ? at : null, enabled: i % 2 }));
    const write = (batch: KeyTable[]) => store.writeBatch(reads, batch.map((row) => async (tx: Repositories) => tx.keys.insert(row)));
    const settled = [...await write(rows.slice(0, json.length)), ...await write(rows.slice(json.length))];
    expect(settled.every((outcome) => outcome.ok)).toBe(true);
    const read = await store.db.selectFrom('keys').selectAll().where('id', 'like', 'key_value_%').orderBy('id').execute();
    expect(read.map((row) => ({ ...row, remaining: row.remaining === null ? null : Number(row.remaining) })))
      .toEqual(rows.map((row) => ({ ...row, name: row.name.toWellFormed() })));
  });

  it('rejects as a whole when a statement fails, and writes nothing', async () => {
    const batch = store.writeBatch(reads, [creation('key_d'), creation('key_e', { projectId: 'prj_gone' }), creation('key_f')]);
    await expect(batch).rejects.toThrow();
    expect(await stored(['key_d', 'key_e', 'key_f'])).toEqual({ keys: 0, secrets: 0, groups: 0, audit: 0 });
  });
});
