import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type ApiResponse } from '../../../test/support/api-client.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

const UNKNOWN_KEY_ID = 'key_0000000000000000000000';
const UNKNOWN_USER_ID = 'usr_0000000000000000000000';

/** Asserts an RFC 9457 problem with this status and code, and returns its body. */
function expectProblem(response: ApiResponse, status: number, code: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(response.body.detail.length).toBeGreaterThan(10);
  return response.body as { detail: string; errors?: { path: string; message: string }[] };
}

describe('keys: errors', () => {
  let server: TestServer;
  let admin: ApiClient;
  let projectId: string;
  let keyId: string;

  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    const project = await admin.post('/v1/projects', { name: 'Errors', keyPrefix: 'er' });
    projectId = project.body.id;
    const key = await admin.post('/v1/keys', { projectId, name: 'existing' });
    keyId = key.body.key.id;
  });

  async function countKeys(): Promise<number> {
    return (await admin.get(`/v1/keys?projectId=${projectId}`)).body.total;
  }

  describe('owner', () => {
    it('an unknown owner username is 422 OWNER_NOT_FOUND naming the username, and no key is made', async () => {
      const before = await countKeys();
      const problem = expectProblem(await admin.post('/v1/keys', { projectId, owner: 'ghost' }), 422, 'OWNER_NOT_FOUND');
      expect(problem.detail).toContain('"ghost"');
      expect(problem.detail).toMatch(/create the user first/i);
      expect(await countKeys()).toBe(before);
    });

    it('an unknown ownerId is 422 OWNER_NOT_FOUND naming the id', async () => {
      const problem = expectProblem(await admin.post('/v1/keys', { projectId, ownerId: UNKNOWN_USER_ID }), 422, 'OWNER_NOT_FOUND');
      expect(problem.detail).toContain(UNKNOWN_USER_ID);
    });

    it('owner and ownerId together are 400', async () => {
      const users = await admin.get('/v1/users?q=admin');
      const adminId = users.body.items[0].id;
      const problem = expectProblem(await admin.post('/v1/keys', { projectId, owner: 'admin', ownerId: adminId }), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.[0]?.path).toBe('/owner');
    });

    it('a malformed ownerId or owner is 400, not a look-up', async () => {
      expectProblem(await admin.post('/v1/keys', { projectId, ownerId: 'alice' }), 400, 'VALIDATION_FAILED');
      expectProblem(await admin.post('/v1/keys', { projectId, owner: 'no spaces allowed' }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('create body', () => {
    it('requires projectId', async () => {
      const problem = expectProblem(await admin.post('/v1/keys', { name: 'x' }), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ path: '/projectId', message: 'is required' }]);
    });

    it('an unknown project is 422, a malformed project id 400', async () => {
      const problem = expectProblem(await admin.post('/v1/keys', { projectId: 'prj_0000000000000000000000' }), 422, 'PROJECT_NOT_FOUND');
      expect(problem.errors?.[0]?.path).toBe('/projectId');
      expectProblem(await admin.post('/v1/keys', { projectId: 'project-1' }), 400, 'VALIDATION_FAILED');
    });

    it('an unknown group is 422 GROUP_NOT_FOUND naming it', async () => {
      const problem = expectProblem(await admin.post('/v1/keys', { projectId, groupIds: ['grp_0000000000000000000000'] }), 422, 'GROUP_NOT_FOUND');
      expect(problem.detail).toContain('grp_0000000000000000000000');
    });

    it('refuses unknown fields, naming them', async () => {
      const problem = expectProblem(await admin.post('/v1/keys', { projectId, token: 'tk_mine' }), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ path: '/token', message: 'is not a known field' }]);
    });

    it('refuses wrong types without coercing them', async () => {
      expectProblem(await admin.post('/v1/keys', { projectId, enabled: 'false' }), 400, 'VALIDATION_FAILED');
      expectProblem(await admin.post('/v1/keys', { projectId, remaining: '5' }), 400, 'VALIDATION_FAILED');
      expectProblem(await admin.post('/v1/keys', { projectId, meta: ['not', 'an', 'object'] }), 400, 'VALIDATION_FAILED');
      expectProblem(await admin.post('/v1/keys', { projectId, name: 12 }), 400, 'VALIDATION_FAILED');
    });

    it('malformed JSON and a non-JSON body are 4xx problems', async () => {
      expectProblem(await admin.post('/v1/keys', '{"projectId": '), 400, 'MALFORMED_JSON');
      expectProblem(await admin.request('POST', '/v1/keys', 'projectId=1', { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('an oversized body is 413', async () => {
      const response = await admin.post('/v1/keys', { projectId, description: 'x'.repeat(200 * 1024) });
      expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('expiresAt must be a date-time', async () => {
      const problem = expectProblem(await admin.post('/v1/keys', { projectId, expiresAt: 'next tuesday' }), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.[0]?.path).toBe('/expiresAt');
    });

    it('meta larger than 4 KiB is 400 at /meta', async () => {
      const problem = expectProblem(await admin.post('/v1/keys', { projectId, meta: { blob: 'x'.repeat(5000) } }), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ path: '/meta', message: expect.stringContaining('4096') }]);
    });
  });

  describe('ipAllowlist', () => {
    it('on create: a bad entry is 400 with errors[].path naming its index', async () => {
      const before = await countKeys();
      const problem = expectProblem(await admin.post('/v1/keys', { projectId, ipAllowlist: ['10.0.0.0/8', 'not-an-ip', '2001:db8::/33', '300.1.1.1'] }), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((error) => error.path)).toEqual(['/ipAllowlist/1', '/ipAllowlist/3']);
      expect(problem.errors?.[0]?.message).toContain('not-an-ip');
      expect(await countKeys()).toBe(before);
    });

    it('on patch: a bad CIDR is 400 at /ipAllowlist/1 and the key keeps its old list', async () => {
      await admin.patch(`/v1/keys/${keyId}`, { ipAllowlist: ['192.0.2.1'] });
      const problem = expectProblem(await admin.patch(`/v1/keys/${keyId}`, { ipAllowlist: ['10.0.0.1', '10.0.0.0/33'] }), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ path: '/ipAllowlist/1', message: expect.stringContaining('10.0.0.0/33') }]);
      expect((await admin.get(`/v1/keys/${keyId}`)).body.ipAllowlist).toEqual(['192.0.2.1']);
    });

    it('refuses legacy IPv4 spellings that mean something other than they read (octal, short, integer)', async () => {
      // "010.0.0.1" would otherwise be read as octal 8.0.0.1, "127.1" as 127.0.0.1, "1/8" as 0.0.0.1/8.
      const entries = ['10.0.0.1', '010.0.0.1', '127.1', '2130706433', '0x7f000001', '1/8', '10.0.0.0/8/8'];
      const problem = expectProblem(await admin.post('/v1/keys', { projectId, ipAllowlist: entries }), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((error) => error.path)).toEqual(['/ipAllowlist/1', '/ipAllowlist/2', '/ipAllowlist/3', '/ipAllowlist/4', '/ipAllowlist/5', '/ipAllowlist/6']);
    });

    it('an entry that is not a string is 400', async () => {
      const problem = expectProblem(await admin.patch(`/v1/keys/${keyId}`, { ipAllowlist: ['10.0.0.1', 7] }), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.[0]?.path).toBe('/ipAllowlist/1');
    });
  });

  describe('ratelimit, remaining and refill', () => {
    const badRatelimits: [unknown, string][] = [
      [{ limit: 0, windowMs: 60_000 }, '/ratelimit/limit'],
      [{ limit: 1.5, windowMs: 60_000 }, '/ratelimit/limit'],
      [{ limit: 10, windowMs: 10 }, '/ratelimit/windowMs'],
      [{ limit: 10 }, '/ratelimit/windowMs'],
      [{ limit: 10, windowMs: 60_000, burst: 3 }, '/ratelimit/burst'],
      ['10/min', '/ratelimit'],
    ];
    for (const [ratelimit, path] of badRatelimits) {
      it(`ratelimit ${JSON.stringify(ratelimit)} is 400 at ${path}`, async () => {
        const created = expectProblem(await admin.post('/v1/keys', { projectId, ratelimit }), 400, 'VALIDATION_FAILED');
        expect(created.errors?.map((error) => error.path)).toContain(path);
        const patched = expectProblem(await admin.patch(`/v1/keys/${keyId}`, { ratelimit }), 400, 'VALIDATION_FAILED');
        expect(patched.errors?.map((error) => error.path)).toContain(path);
      });
    }

    it('remaining must be a whole number from 0', async () => {
      expectProblem(await admin.post('/v1/keys', { projectId, remaining: -1 }), 400, 'VALIDATION_FAILED');
      expectProblem(await admin.post('/v1/keys', { projectId, remaining: 2.5 }), 400, 'VALIDATION_FAILED');
      const zero = await admin.post('/v1/keys', { projectId, remaining: 0 });
      expect(zero.status).toBe(201);
      expect(zero.body.key.remaining).toBe(0);
    });

    it('refill needs a known interval and a positive amount', async () => {
      expectProblem(await admin.post('/v1/keys', { projectId, remaining: 5, refill: { amount: 5, interval: 'weekly' } }), 400, 'VALIDATION_FAILED');
      expectProblem(await admin.post('/v1/keys', { projectId, remaining: 5, refill: { amount: 0, interval: 'daily' } }), 400, 'VALIDATION_FAILED');
    });

    it('refill without remaining is 400 at /refill on create', async () => {
      const problem = expectProblem(await admin.post('/v1/keys', { projectId, refill: { amount: 10, interval: 'daily' } }), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ path: '/refill', message: 'requires remaining' }]);
      expectProblem(await admin.post('/v1/keys', { projectId, remaining: null, refill: { amount: 10, interval: 'daily' } }), 400, 'VALIDATION_FAILED');
    });

    it('refill without remaining is 400 on patch, counting what the key already has', async () => {
      const key = (await admin.post('/v1/keys', { projectId })).body.key;
      expectProblem(await admin.patch(`/v1/keys/${key.id}`, { refill: { amount: 10, interval: 'daily' } }), 400, 'VALIDATION_FAILED');
      expect((await admin.get(`/v1/keys/${key.id}`)).body.refill).toBeNull();
      // With a quota already set, a refill alone is fine; removing the quota under it is not.
      expect((await admin.patch(`/v1/keys/${key.id}`, { remaining: 10 })).status).toBe(200);
      const refilled = await admin.patch(`/v1/keys/${key.id}`, { refill: { amount: 10, interval: 'daily' } });
      expect(refilled.status).toBe(200);
      expect(refilled.body).toMatchObject({ remaining: 10, refill: { amount: 10, interval: 'daily' } });
      const problem = expectProblem(await admin.patch(`/v1/keys/${key.id}`, { remaining: null }), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.[0]?.path).toBe('/refill');
      expect((await admin.get(`/v1/keys/${key.id}`)).body.remaining).toBe(10);
    });
  });

  describe('patch body', () => {
    it('refuses fields that cannot be edited', async () => {
      for (const field of ['projectId', 'token', 'start', 'ownerId', 'lastUsedAt']) {
        const problem = expectProblem(await admin.patch(`/v1/keys/${keyId}`, { [field]: 'x' }), 400, 'VALIDATION_FAILED');
        expect(problem.errors?.[0]?.path).toBe(`/${field}`);
      }
    });

    it('enabled must be a boolean and groupIds unique ids', async () => {
      expectProblem(await admin.patch(`/v1/keys/${keyId}`, { enabled: 0 }), 400, 'VALIDATION_FAILED');
      expectProblem(await admin.patch(`/v1/keys/${keyId}`, { groupIds: ['grp_0000000000000000000000', 'grp_0000000000000000000000'] }), 400, 'VALIDATION_FAILED');
      expectProblem(await admin.patch(`/v1/keys/${keyId}`, { groupIds: ['grp_0000000000000000000000'] }), 422, 'GROUP_NOT_FOUND');
    });
  });

  describe('ids', () => {
    it('an unknown key is 404 NOT_FOUND on get, patch, delete and regenerate', async () => {
      expect(expectProblem(await admin.get(`/v1/keys/${UNKNOWN_KEY_ID}`), 404, 'NOT_FOUND').detail).toContain(UNKNOWN_KEY_ID);
      expectProblem(await admin.patch(`/v1/keys/${UNKNOWN_KEY_ID}`, { name: 'x' }), 404, 'NOT_FOUND');
      expectProblem(await admin.delete(`/v1/keys/${UNKNOWN_KEY_ID}`), 404, 'NOT_FOUND');
      expectProblem(await admin.post(`/v1/keys/${UNKNOWN_KEY_ID}/regenerate`, {}), 404, 'NOT_FOUND');
    });

    it('a malformed key id is 400 before any look-up', async () => {
      for (const id of ['123', 'key_', 'prj_0000000000000000000000', "key_' OR 1=1 --"]) {
        expectProblem(await admin.get(`/v1/keys/${encodeURIComponent(id)}`), 400, 'VALIDATION_FAILED');
      }
    });
  });

  describe('regenerate body', () => {
    it('graceSeconds must be a whole number from 0 to 30 days', async () => {
      expectProblem(await admin.post(`/v1/keys/${keyId}/regenerate`, { graceSeconds: -1 }), 400, 'VALIDATION_FAILED');
      expectProblem(await admin.post(`/v1/keys/${keyId}/regenerate`, { graceSeconds: 1.5 }), 400, 'VALIDATION_FAILED');
      expectProblem(await admin.post(`/v1/keys/${keyId}/regenerate`, { graceSeconds: 31 * 24 * 3600 }), 400, 'VALIDATION_FAILED');
      expectProblem(await admin.post(`/v1/keys/${keyId}/regenerate`, { graceSeconds: '60' }), 400, 'VALIDATION_FAILED');
      expectProblem(await admin.post(`/v1/keys/${keyId}/regenerate`, { grace: 60 }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('list query', () => {
    const badQueries: [string, string][] = [
      ['limit=0', 'limit below 1'],
      ['limit=101', 'limit above 100'],
      ['limit=ten', 'limit not a number'],
      ['status=deleted', 'unknown status'],
      ['projectId=abc', 'malformed projectId'],
      ['ownerId=alice', 'malformed ownerId'],
      ['colour=blue', 'unknown parameter'],
      ['cursor=bm90LWEta2V5', 'a cursor this server did not hand out'],
      ['cursor=%25%25%25', 'a cursor that is not base64url'],
    ];
    for (const [query, what] of badQueries) {
      it(`${what} (${query}) is 400 VALIDATION_FAILED`, async () => {
        expectProblem(await admin.get(`/v1/keys?${query}`), 400, 'VALIDATION_FAILED');
      });
    }

    it('a project cursor is not accepted as a key cursor', async () => {
      await admin.post('/v1/projects', { name: 'Second', keyPrefix: 'sc' });
      const projects = await admin.get('/v1/projects?limit=1');
      expect(projects.body.nextCursor).toEqual(expect.any(String));
      const problem = expectProblem(await admin.get(`/v1/keys?cursor=${projects.body.nextCursor}`), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.[0]?.path).toBe('/cursor');
    });
  });
});
