import type { ApiClient } from './api-client.ts';
import { MEMBER_PASSWORD, signInMember } from './people.ts';
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
 * the member in over HTTP: `signInMember` with a chosen username.
 *
 * @example const mia = await createMember(server, admin, { username: 'mia', permissions: ['keys.read'] })
 */
export async function createMember(server: TestServer, admin: ApiClient, options: { username: string; permissions: string[] }): Promise<Member> {
  const member = await signInMember(server, admin, options.permissions, options.username);
  return { userId: member.userId, username: member.username, password: MEMBER_PASSWORD, groupId: member.groupIds[0]!, client: member.client, cookie: member.cookie, csrfToken: member.csrfToken };
}
