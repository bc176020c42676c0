import { describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, type ApiClient } from '../../../test/support/api-client.ts';
import { signInMember, uniqueName } from '../../../test/support/people.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

describe('wildcard grants in the management API', () => {
  let server: TestServer;
  let admin: ApiClient;

  withServerAndAdmin((started) => ({ server, admin } = started));

  const group = (client: ApiClient, permissions: string[]) => client.post('/v1/groups', { name: uniqueName('wild'), permissions });

  it('groups take ns.* and *, and refuse other uses of *', async () => {
    expect((await group(admin, ['orders.*', 'orders.refunds.*', '*'])).status).toBe(201);
    for (const bad of ['orders*', '*.read', 'orders.*.read', '.*']) expectProblem(await group(admin, [bad]), 400, 'VALIDATION_FAILED', '/permissions/0');
  });

  it('no escalation: holding orders.read cannot grant orders.*', async () => {
    const member = await signInMember(server, admin, ['groups.write', 'orders.read']);
    expectProblem(await group(member.client, ['orders.*']), 403, 'FORBIDDEN');
    expect((await group(member.client, ['orders.read'])).status).toBe(201);
    const existing = (await group(member.client, ['orders.read'])).body.id;
    expectProblem(await member.client.patch(`/v1/groups/${existing}`, { permissions: ['orders.read', 'orders.*'] }), 403, 'FORBIDDEN');
  });

  it('holding orders.* grants orders.read, orders.* and narrower wildcards, but not orders, ordersx.read or *', async () => {
    const member = await signInMember(server, admin, ['groups.write', 'orders.*']);
    for (const ok of [['orders.read'], ['orders.*'], ['orders.refunds.*', 'orders.refunds.create']]) expect((await group(member.client, ok)).status, ok.join()).toBe(201);
    for (const bad of [['orders'], ['ordersx.read'], ['*'], ['keys.*']]) expectProblem(await group(member.client, bad), 403, 'FORBIDDEN');
  });

  it('no escalation on keys: a group with orders.* needs orders.* (or *) to be given', async () => {
    const project = (await admin.post('/v1/projects', { name: 'Wildcard keys' })).body.id;
    const wide = (await group(admin, ['orders.*'])).body.id;
    // She may read groups, so she is told what she lacks.
    const narrow = await signInMember(server, admin, ['keys.write', 'orders.read', 'groups.read']);
    const refused = await narrow.client.post('/v1/keys', { projectId: project, groupIds: [wide] });
    expectProblem(refused, 403, 'FORBIDDEN');
    expect(refused.body.detail).toContain('orders.*');
    const broad = await signInMember(server, admin, ['keys.write', 'orders.*']);
    expect((await broad.client.post('/v1/keys', { projectId: project, groupIds: [wide] })).status).toBe(201);
  });

  it('the management API reads its own permissions through wildcards', async () => {
    const keysPerson = await signInMember(server, admin, ['keys.*']);
    expect((await keysPerson.client.get('/v1/keys')).status).toBe(200);
    expectProblem(await keysPerson.client.get('/v1/users'), 403, 'FORBIDDEN');

    // A management key acts with what both its groups and its person hold: keys.* ∩ keys.read.
    const reader = await signInMember(server, admin, ['keys.read']);
    const everything = await createKeyWith(admin, { permissions: ['*'], key: { ownerId: reader.userId } });
    const key = apiClient(server.url, { bearer: everything.token });
    expect((await key.get('/v1/keys')).status).toBe(200);
    expectProblem(await key.post('/v1/keys', { projectId: everything.projectId }), 403, 'FORBIDDEN');

    const nsKey = await createKeyWith(admin, { permissions: ['keys.*', 'users.read'], key: { ownerId: keysPerson.userId } });
    const narrowed = apiClient(server.url, { bearer: nsKey.token });
    expect((await narrowed.get('/v1/keys')).status).toBe(200);
    expect((await narrowed.post('/v1/keys', { projectId: nsKey.projectId })).status).toBe(201);
    expectProblem(await narrowed.get('/v1/users'), 403, 'FORBIDDEN');
  });
});
