import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient } from '../../test/support/api-client.ts';
import { createMember } from '../../test/support/member.ts';
import { uniqueName } from '../../test/support/people.ts';
import { type TestServer } from '../../test/support/test-server.ts';
import { ProblemError } from '../domain/problem-error.ts';
import { actorForKey } from './auth.ts';
import { createKey } from './keys.ts';
import { withServerAndAdmin } from '../../test/support/server-with-admin.ts';

/**
 * A request authenticated a moment before its maker was deactivated or lost a group must not
 * issue a key with what they no longer hold: createKey checks the actor as its own transaction
 * finds them, not as authentication found them. Called with the actor of the earlier moment.
 */
describe('createKey with an actor read before a change to them', () => {
  let server: TestServer;
  let admin: ApiClient;
  let projectId: string;
  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    projectId = (await admin.post('/v1/projects', { name: 'Stale actors' })).body.id;
  });

  /** A member holding keys.write and orders.read, with a management key of both, as its actor. */
  const memberActor = async () => {
    const member = await createMember(server, admin, { username: uniqueName('stale'), permissions: ['keys.write', 'keys.read', 'orders.read'] });
    const issued = await member.client.post('/v1/keys', { projectId, name: 'management', groupIds: [member.groupId] });
    expect(issued.status, issued.text).toBe(201);
    const actor = await actorForKey(server.app.services, issued.body.token, '127.0.0.1');
    expect(actor?.grants).toEqual(expect.arrayContaining(['keys.write', 'orders.read']));
    return { member, actor: actor! };
  };

  const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => (error instanceof ProblemError ? { status: error.status, code: error.code } : error));

  it('refuses once the maker is deactivated', async () => {
    const { member, actor } = await memberActor();
    expect((await admin.patch(`/v1/users/${member.userId}`, { active: false })).status).toBe(200);
    expect(await refusal(createKey(server.app.services, actor, { projectId, name: 'late' }))).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it('refuses a group the maker no longer holds', async () => {
    const { member, actor } = await memberActor();
    expect((await admin.patch(`/v1/users/${member.userId}`, { groupIds: [] })).status).toBe(200);
    // She may not read groups, so a group she can no longer hand out is, to her, an unknown one.
    expect(await refusal(createKey(server.app.services, actor, { projectId, name: 'late', groupIds: [member.groupId] }))).toEqual({ status: 422, code: 'GROUP_NOT_FOUND' });
  });

  it('still issues the key when nothing changed', async () => {
    const { member, actor } = await memberActor();
    const issued = await createKey(server.app.services, actor, { projectId, name: 'in time', groupIds: [member.groupId] });
    expect(issued.key.permissions).toEqual(['keys.read', 'keys.write', 'orders.read']);
  });
});
