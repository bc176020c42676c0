import { expect } from 'vitest';
import type { ApiClient, ApiResponse } from './api-client.ts';
import type { TestServer } from './test-server.ts';

/**
 * Proves a list route's paging: walks `path` with `limit`, inserting a new row (with `insert`)
 * after the first page. Every row that existed before is seen exactly once, in the same order
 * as one big page; the inserted row does not shift later pages; the last page's cursor is null.
 * Returns the ids seen.
 */
export async function expectStablePaging(options: {
  server: TestServer;
  client: ApiClient;
  /** The list path, possibly with filters (`/v1/users?q=x`). */
  path: string;
  limit: number;
  insert: () => Promise<unknown>;
}): Promise<string[]> {
  const { server, client, path, limit, insert } = options;
  const join = path.includes('?') ? '&' : '?';
  const everything = await client.get(`${path}${join}limit=100`);
  expect(everything.status, everything.text).toBe(200);
  const before = (everything.body.items as { id: string }[]).map((item) => item.id);
  expect(before.length, 'the paging test needs more rows than one page').toBeGreaterThan(limit * 2);
  expect(everything.body.total).toBe(before.length);

  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: ApiResponse = await client.get(`${path}${join}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.status, page.text).toBe(200);
    expect(Object.keys(page.body).sort()).toEqual(['items', 'nextCursor', 'total']);
    expect(page.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...(page.body.items as { id: string }[]).map((item) => item.id));
    cursor = page.body.nextCursor;
    if (pages === 0) {
      expect(page.body.total).toBe(before.length);
      expect(typeof cursor).toBe('string');
      // Ids carry their creation time; moving the clock makes the new row strictly newer.
      server.advance(5);
      await insert();
    }
    pages += 1;
    expect(pages).toBeLessThan(200);
  } while (cursor !== null);

  expect(seen).toEqual(before);
  expect(pages).toBe(Math.ceil(before.length / limit));
  const after = await client.get(`${path}${join}limit=100`);
  expect(after.body.total).toBeGreaterThan(before.length);
  return seen;
}
