import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient } from '../../../test/support/api-client.ts';
import { signInMember } from '../../../test/support/people.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

const DAY = 86_400_000;

/** GET /v1/keys?expiresBefore=…: the keys that stop working soon, on SQLite and PostgreSQL. */
describe('GET /v1/keys?expiresBefore', () => {
  let server: TestServer;
  let admin: ApiClient;
  let projectId: string;
  let otherProjectId: string;

  const at = (days: number) => new Date(server.now() + days * DAY).toISOString();
  const names = async (query: string) => {
    const response = await admin.get(`/v1/keys?${query}`);
    expect(response.status, response.text).toBe(200);
    return { names: (response.body.items as { name: string }[]).map((key) => key.name), total: response.body.total as number, nextCursor: response.body.nextCursor as string | null };
  };
  const inAWeek = () => `expiresBefore=${encodeURIComponent(at(7))}`;

  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    projectId = (await admin.post('/v1/projects', { name: 'Expiring', keyPrefix: 'exp' })).body.id;
    otherProjectId = (await admin.post('/v1/projects', { name: 'Other', keyPrefix: 'oth' })).body.id;
    const create = async (name: string, body: Record<string, unknown>) => {
      const response = await admin.post('/v1/keys', { projectId, name, ...body });
      expect(response.status, response.text).toBe(201);
      // Ids are time-ordered to the millisecond: keep "newest first" certain.
      server.advance(1);
    };
    await create('never', {});
    await create('in-1-day', { expiresAt: at(1) });
    await create('in-3-days', { expiresAt: at(3) });
    await create('in-3-days-disabled', { expiresAt: at(3), enabled: false });
    await create('in-6-days-other-project', { projectId: otherProjectId, expiresAt: at(6) });
    await create('in-30-days', { expiresAt: at(30) });
    await create('expired-soon', { expiresAt: new Date(server.now() + 60_000).toISOString() });
    // Let "expired-soon" expire: it is before any bound below, but no longer "expiring".
    server.advance(2 * 60_000);
  });

  it('lists only keys that expire before the instant and have not expired yet, newest first', async () => {
    const page = await names(inAWeek());
    expect(page.names).toEqual(['in-6-days-other-project', 'in-3-days-disabled', 'in-3-days', 'in-1-day']);
    expect(page.total).toBe(4);
  });

  it('combines with status, project, search and owner filters', async () => {
    expect((await names(`${inAWeek()}&status=active`)).names).toEqual(['in-6-days-other-project', 'in-3-days', 'in-1-day']);
    expect((await names(`${inAWeek()}&status=inactive`)).names).toEqual(['in-3-days-disabled']);
    expect((await names(`${inAWeek()}&status=expired`)).names).toEqual(['expired-soon']);
    expect((await names(`${inAWeek()}&projectId=${projectId}`)).names).toEqual(['in-3-days-disabled', 'in-3-days', 'in-1-day']);
    expect((await names(`${inAWeek()}&q=disabled`)).names).toEqual(['in-3-days-disabled']);
    expect((await names(`${inAWeek()}&owner=nobody`)).total).toBe(0);
  });

  it('pages with the keyset cursor, and total counts every match', async () => {
    const first = await names(`${inAWeek()}&limit=3`);
    expect(first).toMatchObject({ names: ['in-6-days-other-project', 'in-3-days-disabled', 'in-3-days'], total: 4 });
    const second = await names(`${inAWeek()}&limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(second).toEqual({ names: ['in-1-day'], total: 4, nextCursor: null });
  });

  it('takes any ISO 8601 offset, and a bound before every expiry lists nothing', async () => {
    const offset = new Date(server.now() + 2 * DAY).toISOString().replace('Z', '+00:00');
    expect((await names(`expiresBefore=${encodeURIComponent(offset)}`)).names).toEqual(['in-1-day']);
    expect((await names(`expiresBefore=${encodeURIComponent(at(0))}`)).total).toBe(0);
  });

  it('shows a member only her own expiring keys', async () => {
    const member = await signInMember(server, admin, ['keys.read']);
    const own = await admin.post('/v1/keys', { projectId, name: 'hers', owner: member.username, expiresAt: at(2) });
    expect(own.status, own.text).toBe(201);
    const response = await member.client.get(`/v1/keys?${inAWeek()}`);
    expect((response.body.items as { name: string }[]).map((key) => key.name)).toEqual(['hers']);
    await admin.delete(`/v1/keys/${own.body.key.id}`);
  });

  it('refuses a value that is not a date-time', async () => {
    expectProblem(await admin.get('/v1/keys?expiresBefore=next-week'), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.get('/v1/keys?expiresBefore=2026-13-40T00:00:00Z'), 400, 'VALIDATION_FAILED');
  });
});
