import { describe, expect, it } from 'vitest';
import { newId } from '../../domain/ids.ts';
import { createKeyWith, type ApiClient } from '../../../test/support/api-client.ts';
import { expectStablePaging } from '../../../test/support/paging.ts';
import { signInMember } from '../../../test/support/people.ts';
import { expectProblem, ISO_UTC } from '../../../test/support/problems.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

describe('projects routes', () => {
  let server: TestServer;
  let admin: ApiClient;

  withServerAndAdmin((started) => ({ server, admin } = started));

  const createProject = async (body: Record<string, unknown> = {}) => {
    const response = await admin.post('/v1/projects', { name: `Project ${Math.random().toString(36).slice(2, 8)}`, ...body });
    expect(response.status, response.text).toBe(201);
    return response.body as { id: string; name: string; keyPrefix: string; createdAt: string };
  };

  describe('POST /v1/projects', () => {
    it('creates a project: 201 with id, name, keyPrefix and createdAt', async () => {
      const response = await admin.post('/v1/projects', { name: 'Feedback API', keyPrefix: 'fb' });
      expect(response.status).toBe(201);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.body).toMatchObject({ id: expect.stringMatching(/^prj_[0-9a-z]{22}$/), name: 'Feedback API', keyPrefix: 'fb' });
      expect(response.body.createdAt).toMatch(ISO_UTC);
      expect(Math.abs(Date.parse(response.body.createdAt) - server.now())).toBeLessThan(5000);
      const fetched = await admin.get(`/v1/projects/${response.body.id}`);
      expect(fetched.body).toEqual(response.body);
    });

    it('derives a valid key prefix from the name when none is given, and issues tokens with it', async () => {
      const project = await createProject({ name: 'Orders 2 Service!' });
      expect(project.keyPrefix).toMatch(/^[a-z][a-z0-9]{1,11}$/);
      expect(project.keyPrefix).toBe('orders2servi');
      const key = await admin.post('/v1/keys', { projectId: project.id });
      expect(key.status).toBe(201);
      expect(key.body.token.startsWith(`${project.keyPrefix}_`)).toBe(true);
    });

    it('records project.created in the audit log', async () => {
      const project = await createProject();
      const audit = await admin.get('/v1/audit?action=project.created&limit=100');
      const event = audit.body.items.find((item: { target: { id: string } }) => item.target.id === project.id);
      expect(event).toMatchObject({ action: 'project.created', target: { type: 'project', id: project.id }, actor: { name: 'admin' } });
    });

    it.each([
      ['a missing name', {}, '/name'],
      ['an empty name', { name: '' }, '/name'],
      ['a name over 200 characters', { name: 'x'.repeat(201) }, '/name'],
      ['a numeric name', { name: 42 }, '/name'],
      ['a key prefix with capitals', { name: 'P', keyPrefix: 'Fb' }, '/keyPrefix'],
      ['a key prefix starting with a digit', { name: 'P', keyPrefix: '1fb' }, '/keyPrefix'],
      ['a one-letter key prefix', { name: 'P', keyPrefix: 'f' }, '/keyPrefix'],
      ['a 13-character key prefix', { name: 'P', keyPrefix: 'abcdefghijklm' }, '/keyPrefix'],
      ['a key prefix with an underscore', { name: 'P', keyPrefix: 'f_b' }, '/keyPrefix'],
      ['an unknown field', { name: 'P', owner: 'me' }, '/owner'],
    ])('refuses %s with 400 VALIDATION_FAILED naming the field', async (_label, body, path) => {
      const before = (await admin.get('/v1/projects?limit=1')).body.total;
      expectProblem(await admin.post('/v1/projects', body), 400, 'VALIDATION_FAILED', path);
      expect((await admin.get('/v1/projects?limit=1')).body.total).toBe(before);
    });
  });

  describe('GET /v1/projects', () => {
    it('pages with limit and cursor, stable when projects are created between pages', async () => {
      for (let i = 0; i < 7; i++) await createProject();
      await expectStablePaging({ server, client: admin, path: '/v1/projects', limit: 3, insert: () => createProject() });
    });

    it('defaults to 20 items, newest first', async () => {
      while ((await admin.get('/v1/projects?limit=1')).body.total < 22) await createProject();
      const page = await admin.get('/v1/projects');
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(20);
      expect(page.body.nextCursor).toEqual(expect.any(String));
      const created = page.body.items.map((item: { createdAt: string }) => item.createdAt);
      expect(created).toEqual([...created].sort().reverse());
    });
  });

  describe('GET /v1/projects/{id}', () => {
    it('answers 404 NOT_FOUND for an unknown well-formed id', async () => {
      expectProblem(await admin.get(`/v1/projects/${newId('prj')}`), 404, 'NOT_FOUND');
    });

    it('answers 400 VALIDATION_FAILED for an id of another kind', async () => {
      expectProblem(await admin.get(`/v1/projects/${newId('usr')}`), 400, 'VALIDATION_FAILED', '/id');
    });
  });

  describe('PATCH /v1/projects/{id}', () => {
    it('renames and changes the prefix; new tokens use it while old tokens keep verifying', async () => {
      const project = await createProject({ keyPrefix: 'old' });
      const oldKey = await admin.post('/v1/keys', { projectId: project.id });
      const response = await admin.patch(`/v1/projects/${project.id}`, { name: 'Renamed', keyPrefix: 'new' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: project.id, name: 'Renamed', keyPrefix: 'new', createdAt: project.createdAt });
      expect((await admin.get(`/v1/projects/${project.id}`)).body).toMatchObject({ name: 'Renamed', keyPrefix: 'new' });
      const newKey = await admin.post('/v1/keys', { projectId: project.id });
      expect(newKey.body.token.startsWith('new_')).toBe(true);
      const verified = await admin.post('/v1/keys/verify', { key: oldKey.body.token });
      expect(verified.body).toMatchObject({ valid: true, keyId: oldKey.body.key.id });
    });

    it('keeps fields that are not sent', async () => {
      const project = await createProject({ keyPrefix: 'keep' });
      const response = await admin.patch(`/v1/projects/${project.id}`, { name: 'Only the name' });
      expect(response.body).toMatchObject({ name: 'Only the name', keyPrefix: 'keep' });
    });

    it('records the before and after values in the audit log', async () => {
      const project = await createProject({ name: 'Before', keyPrefix: 'bef' });
      await admin.patch(`/v1/projects/${project.id}`, { name: 'After' });
      const audit = await admin.get('/v1/audit?action=project.updated&limit=100');
      const event = audit.body.items.find((item: { target: { id: string } }) => item.target.id === project.id);
      expect(event.detail).toMatchObject({ before: { name: 'Before' }, after: { name: 'After', keyPrefix: 'bef' } });
    });

    it.each([
      ['a bad key prefix', { keyPrefix: 'A!' }, '/keyPrefix'],
      ['an empty name', { name: '' }, '/name'],
      ['a null name', { name: null }, '/name'],
      ['an unknown field', { id: 'prj_x' }, '/id'],
    ])('refuses %s with 400 and leaves the project unchanged', async (_label, body, path) => {
      const project = await createProject({ keyPrefix: 'same' });
      expectProblem(await admin.patch(`/v1/projects/${project.id}`, body), 400, 'VALIDATION_FAILED', path);
      expect((await admin.get(`/v1/projects/${project.id}`)).body).toEqual(project);
    });

    it('answers 404 NOT_FOUND for an unknown well-formed id', async () => {
      expectProblem(await admin.patch(`/v1/projects/${newId('prj')}`, { name: 'x' }), 404, 'NOT_FOUND');
    });
  });

  describe('DELETE /v1/projects/{id}', () => {
    it('deletes an empty project: 204 with no body, then 404', async () => {
      const project = await createProject();
      const response = await admin.delete(`/v1/projects/${project.id}`);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expectProblem(await admin.get(`/v1/projects/${project.id}`), 404, 'NOT_FOUND');
      const audit = await admin.get('/v1/audit?action=project.deleted&limit=100');
      expect(audit.body.items.some((item: { target: { id: string } }) => item.target.id === project.id)).toBe(true);
    });

    it('refuses with 409 CONFLICT while the project has keys, and keeps project and keys', async () => {
      const { projectId, keyId, token } = await createKeyWith(admin);
      expectProblem(await admin.delete(`/v1/projects/${projectId}`), 409, 'CONFLICT');
      expectProblem(await admin.delete(`/v1/projects/${projectId}?force=false`), 409, 'CONFLICT');
      expect((await admin.get(`/v1/projects/${projectId}`)).status).toBe(200);
      expect((await admin.get(`/v1/keys/${keyId}`)).status).toBe(200);
      expect((await admin.post('/v1/keys/verify', { key: token })).body.valid).toBe(true);
    });

    it('with ?force=true deletes the project and its keys, audits each key, and the tokens stop at once', async () => {
      const { projectId, keyId, token } = await createKeyWith(admin);
      const second = await admin.post('/v1/keys', { projectId, name: 'second' });
      expect((await admin.post('/v1/keys/verify', { key: token })).body.valid).toBe(true);

      const response = await admin.delete(`/v1/projects/${projectId}?force=true`);
      expect(response.status).toBe(204);

      expectProblem(await admin.get(`/v1/projects/${projectId}`), 404, 'NOT_FOUND');
      expectProblem(await admin.get(`/v1/keys/${keyId}`), 404, 'NOT_FOUND');
      expectProblem(await admin.get(`/v1/keys/${second.body.key.id}`), 404, 'NOT_FOUND');
      expect((await admin.get(`/v1/keys?projectId=${projectId}`)).body.total).toBe(0);
      expect((await admin.post('/v1/keys/verify', { key: token })).body).toMatchObject({ valid: false, code: 'NOT_FOUND' });

      for (const id of [keyId, second.body.key.id]) {
        const events = await admin.get(`/v1/audit?keyId=${id}&action=key.deleted`);
        expect(events.body.total, `key.deleted for ${id}`).toBe(1);
      }
      const deleted = await admin.get('/v1/audit?action=project.deleted&limit=100');
      const event = deleted.body.items.find((item: { target: { id: string } }) => item.target.id === projectId);
      expect(event.detail).toMatchObject({ keysDeleted: 2 });
    });

    it('answers 404 NOT_FOUND for an unknown well-formed id, with or without force', async () => {
      expectProblem(await admin.delete(`/v1/projects/${newId('prj')}`), 404, 'NOT_FOUND');
      expectProblem(await admin.delete(`/v1/projects/${newId('prj')}?force=true`), 404, 'NOT_FOUND');
    });

    it('refuses a force value that is not a boolean', async () => {
      const project = await createProject();
      expectProblem(await admin.delete(`/v1/projects/${project.id}?force=yes`), 400, 'VALIDATION_FAILED', '/force');
      expect((await admin.get(`/v1/projects/${project.id}`)).status).toBe(200);
    });
  });

  describe('permissions', () => {
    it('lets a member with projects.read read but not write (403 FORBIDDEN)', async () => {
      const project = await createProject();
      const { client: reader } = await signInMember(server, admin, ['projects.read']);
      expect((await reader.get('/v1/projects')).status).toBe(200);
      expect((await reader.get(`/v1/projects/${project.id}`)).body).toEqual(project);
      expectProblem(await reader.post('/v1/projects', { name: 'nope' }), 403, 'FORBIDDEN');
      expectProblem(await reader.patch(`/v1/projects/${project.id}`, { name: 'nope' }), 403, 'FORBIDDEN');
      expectProblem(await reader.delete(`/v1/projects/${project.id}`), 403, 'FORBIDDEN');
      expect((await admin.get(`/v1/projects/${project.id}`)).body).toEqual(project);
    });
  });
});
