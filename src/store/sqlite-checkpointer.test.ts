import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openStore } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

describe('SQLite checkpointer', () => {
  it('moves committed writes from the WAL into the database file in the background', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyward-ckpt-'));
    const path = join(dir, 'k.db');
    const store = openStore(`file:${path}`);
    try {
      await migrateToLatest(store.db, store.dialect);
      const sizeBefore = statSync(path).size;
      for (let i = 0; i < 200; i++) {
        await store.write((tx) => tx.projects.insert({ id: `prj_${i}`, name: 'x'.repeat(500), key_prefix: 'pp', created_at: 'x', updated_at: 'x' }));
      }
      // The main connection's own threshold (20,000 pages) is far away: only the worker checkpoints.
      let grown = false;
      for (let i = 0; i < 40 && !grown; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        grown = statSync(path).size > sizeBefore;
      }
      expect(grown).toBe(true);
      const reader = new DatabaseSync(path, { readOnly: true });
      expect(reader.prepare('SELECT count(*) AS n FROM projects').get()).toEqual({ n: 200 });
      reader.close();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
