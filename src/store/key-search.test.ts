import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyScope } from '../domain/access-policy.ts';
import { newId } from '../domain/ids.ts';
import type { Store } from './connect.ts';
import type { KeyTable } from './database.ts';
import type { Dialect } from './dialect.ts';
import type { KeyFilters } from './key-filters.ts';
import { KeySearch, SEARCH_BOUNDS, type SearchBounds } from './key-search.ts';
import { withMigratedStore } from '../../test/support/migrated-store.ts';

// A searched list takes one of several ways (the index for rare words, a walk in list order
// for common ones, the index again where the walk finds too few), and counts up to a cap. Each
// way must answer what a plain filter over every row answers: pages, cursors, totals. With
// small bounds, a few hundred keys take every way.
const SMALL: SearchBounds = { sparseAtMost: 20, walkBudget: 64, walksBeforeIndex: 8, countCap: 50, countWalkRows: 100 };
// One walk, then the index: the newest 140 keys lack "common", so its pages come from the index below the walk.
const ONE_WALK: SearchBounds = { ...SMALL, walksBeforeIndex: 1 };
const now = Date.parse('2026-12-01T12:00:00.000Z');
const nowIso = new Date(now).toISOString();

type Seeded = { row: KeyTable; groups: string[] };

/** The keys: a word all share, one the newest lack, one in seven, three needles, one only project B has, odd letters. */
function seededKeys(projects: [string, string], users: [string, string], hiddenGroup: string): Seeded[] {
  const keys: Seeded[] = [];
  for (let i = 0; i < 520; i++) {
    const inB = i % 8 === 7;
    const words = ['shared'];
    if (i < 380) words.push('common');
    if (i % 7 === 0) words.push('sevenfold');
    if ([5, 123, 400].includes(i)) words.push('needle');
    if (inB) words.push('onlyb');
    if (i % 50 === 3) words.push('ÄRGER');
    if (i % 40 === 9) words.push('50% a_b');
    const at = new Date(now - 1_000_000 + i * 1000).toISOString();
    keys.push({
      row: {
        id: newId('key', now - 1_000_000 + i * 1000), project_id: projects[inB ? 1 : 0], name: `svc ${i}`, description: words.join(' '),
        token_start: `kw_${(i * 7919).toString(36).slice(-4)}`, token_end: 'abcd', enabled: i % 5 === 0 ? 0 : 1,
        owner_id: i % 3 === 0 ? users[0] : null, created_by: users[1], expires_at: i % 11 === 0 ? '2026-11-01T00:00:00.000Z' : null,
        last_used_at: null, ip_allowlist: '[]', meta: '{}', ratelimits: '[]', identity_id: null, remaining: null, refill: null, last_refill_at: null,
        created_at: at, updated_at: at,
      },
      groups: i % 4 === 1 ? [hiddenGroup] : [],
    });
  }
  return keys;
}

/** What the engine's search means, row by row: SQLite's FTS5 per column, PostgreSQL's pg_trgm over the columns joined by spaces. */
function holds(dialect: 'sqlite' | 'postgres', row: KeyTable, q: string): boolean {
  const needle = q.toLowerCase();
  if (dialect === 'postgres') return `${row.name} ${row.description} ${row.token_start}`.toLowerCase().includes(needle);
  return [row.name, row.description, row.token_start].some((text) => text.toLowerCase().includes(needle));
}

/** The filters and the scope, row by row, as the access policy and the list route mean them. */
function passes(key: Seeded, filters: Omit<KeyFilters, 'limit'>, scope: KeyScope, usernames: Map<string, string>): boolean {
  const { row } = key;
  if (filters.projectId && row.project_id !== filters.projectId) return false;
  if (filters.owner && (row.owner_id === null || usernames.get(row.owner_id) !== filters.owner)) return false;
  const expired = row.expires_at !== null && row.expires_at <= nowIso;
  if (filters.status === 'active' && (row.enabled !== 1 || expired)) return false;
  if (filters.status === 'inactive' && (row.enabled !== 0 || expired)) return false;
  if (filters.status === 'expired' && !expired) return false;
  if (scope.kind === 'own') {
    const hidden = key.groups.some((group) => scope.hiddenGroupIds.includes(group));
    return row.owner_id === scope.userId || (row.created_by === scope.userId && (row.owner_id === null || !hidden));
  }
  return true;
}

describe.each(['sqlite', 'postgres'] as const)('searched key lists against a filter over every row (%s)', (dialect) => {
  let store: Store;
  let keys: Seeded[];
  const projects: [string, string] = [newId('prj'), newId('prj')];
  const users: [string, string] = [newId('usr'), newId('usr')];
  const usernames = new Map([[users[0], 'ada'], [users[1], 'bob']]);
  const hiddenGroup = newId('grp');

  withMigratedStore(dialect, (opened) => (store = opened));
  beforeAll(async () => {
    await store.db.insertInto('projects').values(projects.map((id, i) => ({ id, name: `p${i}`, key_prefix: `p${i}`, created_at: nowIso, updated_at: nowIso }))).execute();
    await store.db.insertInto('users').values(users.map((id) => ({ id, username: usernames.get(id)!, password_hash: null, role: 'member' as const, active: 1, created_at: nowIso, updated_at: nowIso }))).execute();
    await store.db.insertInto('groups').values({ id: hiddenGroup, name: 'hidden', description: '', permissions: '["secrets.read"]', created_at: nowIso, updated_at: nowIso }).execute();
    keys = seededKeys(projects, users, hiddenGroup);
    await store.db.insertInto('keys').values(keys.map((key) => key.row)).execute();
    await store.db.insertInto('key_groups').values(keys.flatMap((key) => key.groups.map((group_id) => ({ key_id: key.row.id, group_id })))).execute();
    // The planner's estimates (PostgreSQL's dense/sparse choice) from statistics, as autovacuum keeps them.
    if (dialect === 'postgres') await sql`ANALYZE keys`.execute(store.db);
  });
  /** Every page of a search, cursor after cursor, with each page's total. */
  async function allPages(filters: Omit<KeyFilters, 'limit'> & { q: string }, scope: KeyScope, limit: number, bounds: SearchBounds) {
    const ids: string[] = [];
    const totals: { total: number; capped: boolean }[] = [];
    let after: string | undefined;
    for (let page = 0; page < 200; page++) {
      const search = new KeySearch(store.db, store.dialect, { ...filters, limit }, scope, nowIso, bounds);
      const found = await search.page(after, limit);
      expect(found.ids.length).toBeLessThanOrEqual(limit + 1);
      ids.push(...found.ids.slice(0, limit));
      totals.push({ total: found.total, capped: found.capped });
      if (found.ids.length <= limit) return { ids, totals };
      after = found.ids[limit - 1];
    }
    throw new Error('more pages than keys');
  }

  const all: KeyScope = { kind: 'all' };
  const cases: [string, Omit<KeyFilters, 'limit'>, KeyScope][] = [
    ['one project, active keys', { projectId: projects[0], status: 'active' }, all],
    ['every project', {}, all],
    ['one project', { projectId: projects[0] }, all],
    ['inactive keys of one owner', { owner: 'ada', status: 'inactive' }, all],
    ['expired keys', { status: 'expired' }, all],
    ["a member's own keys, less those with a group she lacks", {}, { kind: 'own', userId: users[1], hiddenGroupIds: [hiddenGroup] }],
  ];
  const words = ['shared', 'common', 'SEVENFOLD', 'needle', 'onlyb', 'ärger', '50%', 'a_b', 'svc 1', 'vc', 'd', 'kw_', 'nothing here',
    // Several words: a rare one under a common one (asked of the index alone, then each of its
    // keys tested for the whole), in an order no key has, across columns (PostgreSQL's text
    // joins them), with a trailing space, as infixes of words, only common words, not ASCII.
    'common needle', 'needle shared', 'needle kw_', 'needle ', 'ommon needl', 'ommon sevenfol', 'shared common', 'SHARED COMMON SEVENFOLD', 'common ärger', 'svc 12'];

  for (const [name, filters, scope] of cases) {
    it(`pages, cursors and totals equal a filter over every row: ${name}`, async () => {
      for (const q of words) {
        const expected = keys.filter((key) => passes(key, filters, scope, usernames) && holds(dialect, key.row, q)).map((key) => key.row.id).sort().reverse();
        for (const [limit, bounds] of [[7, SMALL], [25, SMALL], [7, ONE_WALK], [20, SEARCH_BOUNDS]] as const) {
          const { ids, totals } = await allPages({ ...filters, q }, scope, limit, bounds);
          expect(ids, `${q}, pages of ${limit}`).toEqual(expected);
          const total = Math.min(expected.length, bounds.countCap);
          for (const counted of totals) expect(counted, `${q}, pages of ${limit}`).toEqual({ total, capped: expected.length > bounds.countCap });
        }
      }
    });
  }

  it('takes the keys of a rare word of the query from the index, and none where no word is rare', async () => {
    const taken: string[] = [];
    const dialect: Dialect = { ...store.dialect, fewKeysHolding: async (db, word, atMost) => {
      const found = await store.dialect.fewKeysHolding(db, word, atMost);
      if (found) taken.push(word);
      return found;
    } };
    const pageOf = async (q: string) => (await new KeySearch(store.db, dialect, { q, limit: 10 }, all, nowIso, SMALL).page(undefined, 10)).ids;
    expect(await pageOf('ommon needl')).toEqual(keys.filter((key) => key.row.description.includes('common needle')).map((key) => key.row.id).reverse());
    expect(taken).toEqual(['needl']);
    taken.length = 0;
    // 'svc' is in every key, 'svc 1' in 111: no word's keys are taken alone.
    expect(await pageOf('svc 1')).toHaveLength(11);
    expect(taken).toEqual([]);
  });

  it('the list route answers the same through the repository, with totalCapped past the cap', async () => {
    const page = await store.repos.keys.list({ projectId: projects[0], q: 'needle', limit: 2 }, all, now);
    expect(page.items.map((item) => item.id)).toEqual(keys.filter((key) => key.row.project_id === projects[0] && key.row.description.includes('needle')).map((key) => key.row.id).reverse().slice(0, 2));
    expect(page).toMatchObject({ total: 3 });
    expect(page.totalCapped).toBeUndefined();
    expect(page.nextCursor).not.toBeNull();
  });
});
