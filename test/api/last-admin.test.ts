import { describe, expect, it } from 'vitest';
import { signIn, type ApiClient } from '../support/api-client.ts';
import { uniqueName } from '../support/people.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { withServerAndAdmin } from '../support/server-with-admin.ts';

/**
 * The last active admin cannot be demoted, deactivated or deleted, also when the last two are
 * changed at the same moment (each request would otherwise see the other admin still there).
 */
describe('the last active admin, under concurrent changes', () => {
  let server: TestServer;
  /** The one active admin between rounds (each round leaves whichever of two survived). */
  let current: { client: ApiClient; id: string };
  withServerAndAdmin((started) => {
    ({ server } = started);
    const { session } = started;
    current = { client: session.client, id: session.userId };
  });

  const activeAdmins = async (admin: ApiClient) => {
    const users = (await admin.get('/v1/users?limit=100')).body.items as { role: string; active: boolean }[];
    return users.filter((user) => user.role === 'admin' && user.active).length;
  };

  /** Another admin, made by `by`, and signed in. */
  const anotherAdmin = async (by: ApiClient) => {
    const username = uniqueName('admin');
    const password = `${username}-password`;
    const created = await by.post('/v1/users', { username, password, role: 'admin' });
    expect(created.status, created.text).toBe(201);
    return { id: created.body.id as string, client: (await signIn(server, username, password)).client };
  };

  // The request that loses is refused by the last-admin rule (409), or, when the other change
  // landed before it was even authenticated, as coming from someone no longer an admin (401, 403).
  const oneLanded = (answers: { status: number; text: string }[], success: number) => {
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === success), answers.map((answer) => answer.text).join('\n')).toHaveLength(1);
    expect([401, 403, 409]).toContain(statuses.find((status) => status !== success));
  };

  it.each([
    ['demote each other', { role: 'member' }],
    ['deactivate each other', { active: false }],
  ] as const)('two admins who %s at once: one change lands, one admin is left', async (_, change) => {
    for (let round = 0; round < 4; round++) {
      const other = await anotherAdmin(current.client);
      expect(await activeAdmins(current.client)).toBe(2);
      const answers = await Promise.all([current.client.patch(`/v1/users/${other.id}`, change), other.client.patch(`/v1/users/${current.id}`, change)]);
      oneLanded(answers, 200);
      const survivor = answers[0]!.status === 200 ? current : other;
      expect(await activeAdmins(survivor.client)).toBe(1);
      current = survivor;
    }
  });

  it('two admins who delete each other at once: one deletion lands, one admin is left', async () => {
    // A server of its own: the rounds above leave its first admin demoted or deactivated.
    const fresh = await startTestServer();
    try {
      const session = await signIn(fresh);
      const username = uniqueName('admin');
      const created = await session.client.post('/v1/users', { username, password: `${username}-password`, role: 'admin' });
      expect(created.status, created.text).toBe(201);
      const other = (await signIn(fresh, username, `${username}-password`)).client;
      const answers = await Promise.all([session.client.delete(`/v1/users/${created.body.id}`), other.delete(`/v1/users/${session.userId}`)]);
      oneLanded(answers, 204);
      const survivor = answers[0]!.status === 204 ? session.client : other;
      expect(await activeAdmins(survivor)).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
