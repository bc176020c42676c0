import { signIn, type ApiClient } from './api-client.ts';
import type { TestServer } from './test-server.ts';

/** A member made by the admin, holding one new group with `permissions`, and signed in. */
export type Member = {
  userId: string;
  username: string;
  password: string;
  groupId: string;
  client: ApiClient;
  cookie: string;
  csrfToken: string;
};

/**
 * Creates a group with `permissions` and a member in it (through the admin's API), then signs
 * the member in over HTTP.
 *
 * @example const mia = await createMember(server, admin, { username: 'mia', permissions: ['keys.read'] })
 */
export async function createMember(server: TestServer, admin: ApiClient, options: { username: string; permissions: string[] }): Promise<Member> {
  const group = await admin.post('/v1/groups', { name: `${options.username}-group-${Math.random().toString(36).slice(2, 8)}`, permissions: options.permissions });
  if (group.status !== 201) throw new Error(`group: ${group.status} ${group.text}`);
  const password = `${options.username}-password-${Math.random().toString(36).slice(2, 10)}`;
  const user = await admin.post('/v1/users', { username: options.username, password, role: 'member', groupIds: [group.body.id] });
  if (user.status !== 201) throw new Error(`user: ${user.status} ${user.text}`);
  const session = await signIn(server, options.username, password);
  return { userId: user.body.id, username: options.username, password, groupId: group.body.id, client: session.client, cookie: session.cookie, csrfToken: session.csrfToken };
}
