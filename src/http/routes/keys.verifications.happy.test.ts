import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { ISO_UTC } from '../../../test/support/problems.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';

describe('GET /v1/keys/{id}/verifications', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anonymous: ApiClient;
  let projectId: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = (await signIn(server)).client;
    anonymous = apiClient(server.url);
    projectId = (await admin.post('/v1/projects', { name: 'Orders', keyPrefix: 'ord' })).body.id;
  });
  afterAll(async () => server.close());

  const newKey = async (extra: Record<string, unknown> = {}) => (await admin.post('/v1/keys', { projectId, name: 'logged', ...extra })).body as { key: { id: string }; token: string };
  const verify = (token: string, extra: Record<string, unknown> = {}) => anonymous.post('/v1/keys/verify', { key: token, ...extra });

  it('lists each verification, newest first, with its time, outcome, client address and tags (tags of VALID ones only)', async () => {
    const { key, token } = await newKey();
    const before = Date.now();
    expect((await verify(token, { ip: '203.0.113.9', tags: ['GET /orders', 'region:eu'] })).body.code).toBe('VALID');
    expect((await verify(token, { permissions: ['orders.write'], tags: ['sneaky tag'] })).body.code).toBe('INSUFFICIENT_PERMISSIONS');
    expect((await verify(token, { ip: '2001:db8::1' })).body.code).toBe('VALID');
    // Forward-auth names the client's address (the proxy's peer here).
    expect((await anonymous.get('/v1/authorize', { authorization: `Bearer ${token}` })).status).toBe(200);

    const page = await admin.get(`/v1/keys/${key.id}/verifications`);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      items: [
        { at: expect.stringMatching(ISO_UTC), outcome: 'VALID', clientAddress: '127.0.0.1', tags: [] },
        { at: expect.stringMatching(ISO_UTC), outcome: 'VALID', clientAddress: '2001:db8::1', tags: [] },
        { at: expect.stringMatching(ISO_UTC), outcome: 'INSUFFICIENT_PERMISSIONS', clientAddress: null, tags: [] },
        { at: expect.stringMatching(ISO_UTC), outcome: 'VALID', clientAddress: '203.0.113.9', tags: ['GET /orders', 'region:eu'] },
      ],
      nextCursor: null,
      total: 4,
    });
    for (const item of page.body.items) expect(Date.parse(item.at)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('pages with limit and cursor, every verification once', async () => {
    const { key, token } = await newKey();
    for (let i = 0; i < 25; i++) await verify(token, { tags: [`call ${i}`] });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { tags: string[] }[]; nextCursor: string | null; total: number } } =
        await admin.get(`/v1/keys/${key.id}/verifications?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.total).toBe(25);
      seen.push(...page.body.items.map((item) => item.tags[0]!));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `call ${24 - i}`));
  });

  it('keeps the last 1,000 per key, and drops them after 7 days', async () => {
    const { key, token } = await newKey();
    for (let round = 0; round < 21; round++) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => verify(token, { tags: [`n${round * 50 + i}`] })));
    }
    const tags: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { tags: string[] }[]; nextCursor: string | null; total: number } } =
        await admin.get(`/v1/keys/${key.id}/verifications?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.total).toBe(1000);
      tags.push(...page.body.items.map((item) => item.tags[0]!));
      cursor = page.body.nextCursor;
    } while (cursor);
    // 1,050 were made, 50 at a time: the first 50 are the ones no longer listed.
    expect(new Set(tags).size).toBe(1000);
    expect(tags.filter((tag) => Number(tag.slice(1)) < 50)).toEqual([]);
    // Storage is trimmed back to 1,000 once a key has 250 more, not on every write.
    // Stored: a row per flush, each counting its verifications.
    const stored = async () => Number((await server.app.store.db.selectFrom('key_verifications').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('count'), eb.lit(0)).as('n')).where('key_id', '=', key.id).executeTakeFirstOrThrow()).n);
    expect(await stored()).toBeLessThanOrEqual(1000 + 250);

    server.advance(7 * 86_400_000 + 60_000);
    // A week later the session has ended too.
    admin = (await signIn(server)).client;
    expect((await admin.get(`/v1/keys/${key.id}/verifications`)).body).toEqual({ items: [], nextCursor: null, total: 0 });
    // A flush of every key drops the week-old rows (a key's page writes its own rows only).
    await server.app.services.verifications.flush();
    expect(await stored()).toBe(0);
  });

  it('records nothing for tokens that belong to no key', async () => {
    const count = async () => Number((await server.app.store.db.selectFrom('key_verifications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const { key } = await newKey();
    await admin.get(`/v1/keys/${key.id}/verifications`);
    const before = await count();
    expect((await verify('ord_000000000000000000000000000000', { ip: '198.51.100.7', tags: ['x'] })).body.code).toBe('NOT_FOUND');
    await admin.get(`/v1/keys/${key.id}/verifications`);
    expect(await count()).toBe(before);
  });
});
