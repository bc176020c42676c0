import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

describe('batched writes (SQLite group commit)', () => {
  let store: Store;
  const dir = mkdtempSync(join(tmpdir(), 'keyward-batch-'));
  beforeAll(async () => {
    store = openStore(`file:${join(dir, 'k.db')}`);
    await migrateToLatest(store.db, store.dialect);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const project = (id: string) => ({ id, name: id, key_prefix: 'pp', created_at: 'x', updated_at: 'x' });

  it('rolls back a failing write alone while its batch-mates commit', async () => {
    const results = await Promise.allSettled([
      store.write((tx) => tx.projects.insert(project('prj_a'))),
      store.write(async (tx) => {
        await tx.projects.insert(project('prj_b'));
        throw new Error('refused after writing');
      }),
      store.write((tx) => tx.projects.insert(project('prj_c'))),
      // A constraint violation inside the batch, too.
      store.write((tx) => tx.projects.insert(project('prj_a'))),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    const ids = (await store.db.selectFrom('projects').select('id').orderBy('id').execute()).map((row) => row.id);
    expect(ids).toEqual(['prj_a', 'prj_c']);
  });

  it('answers only after the commit: a write is visible to the next read', async () => {
    const writes = Array.from({ length: 50 }, (_, i) => store.write((tx) => tx.projects.insert(project(`prj_n${i}`))));
    await writes[10];
    const row = await store.db.selectFrom('projects').select('id').where('id', '=', 'prj_n10').executeTakeFirst();
    expect(row?.id).toBe('prj_n10');
    await Promise.all(writes);
    const count = await store.db.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(52);
  });

  it('gives the writes asked for in one turn of the event loop one transaction, so one commit', async () => {
    // A second connection sees only what is committed: when the second write runs, the first
    // is in the database but not yet visible to it, because both are in one open transaction.
    const reader = new DatabaseSync(join(dir, 'k.db'), { readOnly: true });
    const committedIds = () => (reader.prepare("SELECT id FROM projects WHERE id LIKE 'prj_turn%' ORDER BY id").all() as { id: string }[]).map((row) => row.id);
    const seenBySecond: { inTransaction: string[]; committed: string[] }[] = [];
    await Promise.all([
      store.write((tx) => tx.projects.insert(project('prj_turn1'))),
      store.write(async (tx) => {
        const inTransaction = (await tx.projects.find('prj_turn1')) ? ['prj_turn1'] : [];
        seenBySecond.push({ inTransaction, committed: committedIds() });
        await tx.projects.insert(project('prj_turn2'));
      }),
    ]);
    expect(seenBySecond).toEqual([{ inTransaction: ['prj_turn1'], committed: [] }]);
    expect(committedIds()).toEqual(['prj_turn1', 'prj_turn2']);
    reader.close();
  });
});
