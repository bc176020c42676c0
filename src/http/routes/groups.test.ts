import { describe, expect, it } from 'vitest';
import { newId } from '../../domain/ids.ts';
import { createKeyWith, type ApiClient } from '../../../test/support/api-client.ts';
import { expectStablePaging } from '../../../test/support/paging.ts';
import { signInMember, uniqueName } from '../../../test/support/people.ts';
import { expectProblem, ISO_UTC } from '../../../test/support/problems.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

describe('groups routes', () => {
  let server: TestServer;
  let admin: ApiClient;

  withServerAndAdmin((started) => ({ server, admin } = started));

  const createGroup = async (body: Record<string, unknown> = {}) => {
    const response = await admin.post('/v1/groups', { name: uniqueName('g'), permissions: ['orders.read'], ...body });
    expect(response.status, response.text).toBe(201);
    return response.body as { id: string; name: string; description: string; permissions: string[] };
  };

  describe('POST /v1/groups', () => {
    it('creates a group: 201 with id, name, description and sorted, unique permissions', async () => {
      const name = uniqueName('writers');
      const response = await admin.post('/v1/groups', { name, description: 'May write feedback', permissions: ['feedback.write', 'keys.read', 'feedback.write'] });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        id: expect.stringMatching(/^grp_[0-9a-z]{22}$/),
        name,
        description: 'May write feedback',
        permissions: ['feedback.write', 'keys.read'],
      });
      expect(response.body.createdAt).toMatch(ISO_UTC);
      expect((await admin.get(`/v1/groups/${response.body.id}`)).body).toEqual(response.body);
    });

    it('defaults the description to an empty string and accepts an empty permission list', async () => {
      const group = await createGroup({ permissions: [] });
      expect(group).toMatchObject({ description: '', permissions: [] });
    });

    it('accepts * and project permission strings of the contract pattern', async () => {
      const group = await createGroup({ permissions: ['*', 'a', 'orders:refunds.create-v2_x', `p${'x'.repeat(63)}`] });
      expect(group.permissions).toContain('*');
      expect(group.permissions).toHaveLength(4);
    });

    it('refuses a duplicate name with 409 CONFLICT', async () => {
      const group = await createGroup();
      expectProblem(await admin.post('/v1/groups', { name: group.name, permissions: [] }), 409, 'CONFLICT');
    });

    it('answers 409, never 5xx, when requests race to take the same name', async () => {
      const name = uniqueName('race');
      const created = await Promise.all(Array.from({ length: 8 }, () => admin.post('/v1/groups', { name, permissions: [] })));
      expect(created.map((response) => response.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      const others = await Promise.all(Array.from({ length: 6 }, () => createGroup()));
      const target = uniqueName('race-rename');
      const renamed = await Promise.all(others.map((group) => admin.patch(`/v1/groups/${group.id}`, { name: target })));
      expect(renamed.map((response) => response.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
      for (const response of renamed.filter((r) => r.status === 409)) expectProblem(response, 409, 'CONFLICT');
    });

    it.each([
      ['a missing name', { permissions: [] }, '/name'],
      ['missing permissions', { name: 'valid-group' }, '/permissions'],
      ['an empty name', { name: '', permissions: [] }, '/name'],
      ['a name over 100 characters', { name: 'n'.repeat(101), permissions: [] }, '/name'],
      ['a permission with capitals', { name: 'valid-group', permissions: ['Keys.read'] }, '/permissions/0'],
      ['a permission with a space', { name: 'valid-group', permissions: ['keys.read', 'a b'] }, '/permissions/1'],
      ['a permission starting with a dot', { name: 'valid-group', permissions: ['.x'] }, '/permissions/0'],
      ['a permission of 65 characters', { name: 'valid-group', permissions: [`p${'x'.repeat(64)}`] }, '/permissions/0'],
      ['a permission that is not a string', { name: 'valid-group', permissions: [7] }, '/permissions/0'],
      ['permissions as a string', { name: 'valid-group', permissions: 'keys.read' }, '/permissions'],
      ['over 100 permissions', { name: 'valid-group', permissions: Array.from({ length: 101 }, (_, i) => `p${i}`) }, '/permissions'],
      ['a description over 1000 characters', { name: 'valid-group', permissions: [], description: 'd'.repeat(1001) }, '/description'],
      ['an unknown field', { name: 'valid-group', permissions: [], members: [] }, '/members'],
    ])('refuses %s with 400 VALIDATION_FAILED naming the field', async (_label, body, path) => {
      const before = (await admin.get('/v1/groups?limit=1')).body.total;
      expectProblem(await admin.post('/v1/groups', body), 400, 'VALIDATION_FAILED', path);
      expect((await admin.get('/v1/groups?limit=1')).body.total).toBe(before);
    });
  });

  describe('GET /v1/groups', () => {
    it('pages with limit and cursor, stable when groups are created between pages', async () => {
      for (let i = 0; i < 7; i++) await createGroup();
      await expectStablePaging({ server, client: admin, path: '/v1/groups', limit: 3, insert: () => createGroup() });
    });
  });

  describe('GET /v1/groups/{id}', () => {
    it('answers 404 NOT_FOUND for an unknown well-formed id, 400 for a malformed one', async () => {
      expectProblem(await admin.get(`/v1/groups/${newId('grp')}`), 404, 'NOT_FOUND');
      expectProblem(await admin.get(`/v1/groups/${newId('key')}`), 400, 'VALIDATION_FAILED', '/id');
    });
  });

  describe('PATCH /v1/groups/{id}', () => {
    it('changes name, description and permissions; keys in the group verify against the new permissions at once', async () => {
      const { groupIds, token } = await createKeyWith(admin, { permissions: ['orders.read'] });
      const groupId = groupIds[0]!;
      expect((await admin.post('/v1/keys/verify', { key: token, permissions: 'orders.write' })).body.code).toBe('INSUFFICIENT_PERMISSIONS');
      const name = uniqueName('renamed');
      const response = await admin.patch(`/v1/groups/${groupId}`, { name, description: 'now writes', permissions: ['orders.write'] });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: groupId, name, description: 'now writes', permissions: ['orders.write'] });
      expect((await admin.post('/v1/keys/verify', { key: token, permissions: 'orders.write' })).body.code).toBe('VALID');
      expect((await admin.post('/v1/keys/verify', { key: token, permissions: 'orders.read' })).body.code).toBe('INSUFFICIENT_PERMISSIONS');
    });

    it('keeps fields that are not sent, and audits before and after', async () => {
      const group = await createGroup({ description: 'keep me' });
      const response = await admin.patch(`/v1/groups/${group.id}`, { permissions: ['orders.write', 'orders.read'] });
      expect(response.body).toMatchObject({ name: group.name, description: 'keep me', permissions: ['orders.read', 'orders.write'] });
      const audit = await admin.get('/v1/audit?action=group.updated&limit=100');
      const event = audit.body.items.find((item: { target: { id: string } }) => item.target.id === group.id);
      expect(event.detail).toMatchObject({ before: { permissions: ['orders.read'] }, after: { permissions: ['orders.read', 'orders.write'] } });
    });

    it('refuses to rename into a taken name with 409 CONFLICT; keeping its own name is fine', async () => {
      const first = await createGroup();
      const second = await createGroup();
      expectProblem(await admin.patch(`/v1/groups/${second.id}`, { name: first.name }), 409, 'CONFLICT');
      expect((await admin.get(`/v1/groups/${second.id}`)).body.name).toBe(second.name);
      expect((await admin.patch(`/v1/groups/${second.id}`, { name: second.name })).status).toBe(200);
    });

    it.each([
      ['a bad permission', { permissions: ['NOPE'] }, '/permissions/0'],
      ['a null description', { description: null }, '/description'],
      ['an unknown field', { id: 'grp_x' }, '/id'],
    ])('refuses %s with 400 and leaves the group unchanged', async (_label, body, path) => {
      const group = await createGroup();
      expectProblem(await admin.patch(`/v1/groups/${group.id}`, body), 400, 'VALIDATION_FAILED', path);
      expect((await admin.get(`/v1/groups/${group.id}`)).body).toEqual(group);
    });

    it('answers 404 NOT_FOUND for an unknown well-formed id', async () => {
      expectProblem(await admin.patch(`/v1/groups/${newId('grp')}`, { description: 'x' }), 404, 'NOT_FOUND');
    });
  });

  describe('DELETE /v1/groups/{id}', () => {
    it('deletes a group: 204; its users and keys lose its permissions at once', async () => {
      const { groupIds, token, keyId } = await createKeyWith(admin, { permissions: ['orders.read'] });
      const groupId = groupIds[0]!;
      const user = await admin.post('/v1/users', { username: uniqueName('in-group'), role: 'member', groupIds: [groupId] });
      expect(user.body.groups).toHaveLength(1);
      expect((await admin.post('/v1/keys/verify', { key: token, permissions: 'orders.read' })).body.code).toBe('VALID');

      const response = await admin.delete(`/v1/groups/${groupId}`);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expectProblem(await admin.get(`/v1/groups/${groupId}`), 404, 'NOT_FOUND');
      expect((await admin.get(`/v1/users/${user.body.id}`)).body.groups).toEqual([]);
      expect((await admin.get(`/v1/keys/${keyId}`)).body).toMatchObject({ groups: [], permissions: [] });
      expect((await admin.post('/v1/keys/verify', { key: token, permissions: 'orders.read' })).body.code).toBe('INSUFFICIENT_PERMISSIONS');
      const audit = await admin.get('/v1/audit?action=group.deleted&limit=100');
      expect(audit.body.items.some((item: { target: { id: string } }) => item.target.id === groupId)).toBe(true);
    });

    it('answers 404 NOT_FOUND for an unknown well-formed id', async () => {
      expectProblem(await admin.delete(`/v1/groups/${newId('grp')}`), 404, 'NOT_FOUND');
    });
  });

  describe('no escalation by members', () => {
    it('a member with groups.write cannot create a group with permissions she does not hold (403 FORBIDDEN)', async () => {
      const { client: member } = await signInMember(server, admin, ['groups.write', 'groups.read', 'orders.read']);
      const name = uniqueName('escalate');
      expectProblem(await member.post('/v1/groups', { name, permissions: ['orders.read', 'orders.write'] }), 403, 'FORBIDDEN');
      expectProblem(await member.post('/v1/groups', { name, permissions: ['*'] }), 403, 'FORBIDDEN');
      expectProblem(await member.post('/v1/groups', { name, permissions: ['users.write'] }), 403, 'FORBIDDEN');
      const all = await admin.get('/v1/groups?limit=100');
      expect(all.body.items.some((group: { name: string }) => group.name === name)).toBe(false);
      const allowed = await member.post('/v1/groups', { name, permissions: ['orders.read', 'groups.read'] });
      expect(allowed.status).toBe(201);
    });

    it('a member cannot add permissions she does not hold to an existing group, but may keep or remove them', async () => {
      const { client: member } = await signInMember(server, admin, ['groups.write', 'groups.read']);
      const group = await createGroup({ permissions: ['orders.read', 'orders.write'] });
      expectProblem(await member.patch(`/v1/groups/${group.id}`, { permissions: ['orders.read', 'orders.write', 'keys.write'] }), 403, 'FORBIDDEN');
      expect((await admin.get(`/v1/groups/${group.id}`)).body.permissions).toEqual(['orders.read', 'orders.write']);
      const narrowed = await member.patch(`/v1/groups/${group.id}`, { permissions: ['orders.read'] });
      expect(narrowed.status).toBe(200);
      expect(narrowed.body.permissions).toEqual(['orders.read']);
      // Putting back what was just removed is adding it again, which she cannot.
      expectProblem(await member.patch(`/v1/groups/${group.id}`, { permissions: ['orders.read', 'orders.write'] }), 403, 'FORBIDDEN');
    });

    it('a member without groups.write cannot create, edit or delete groups (403)', async () => {
      const { client: reader } = await signInMember(server, admin, ['groups.read']);
      const group = await createGroup();
      expect((await reader.get(`/v1/groups/${group.id}`)).body).toEqual(group);
      expectProblem(await reader.post('/v1/groups', { name: uniqueName('x'), permissions: [] }), 403, 'FORBIDDEN');
      expectProblem(await reader.patch(`/v1/groups/${group.id}`, { description: 'x' }), 403, 'FORBIDDEN');
      expectProblem(await reader.delete(`/v1/groups/${group.id}`), 403, 'FORBIDDEN');
      expect((await admin.get(`/v1/groups/${group.id}`)).body).toEqual(group);
    });
  });
});
