import { apiClient, createKeyWith, signIn, type ApiClient } from './api-client.ts';
import type { TestServer } from './test-server.ts';

/** A password long enough for the contract's 12-character minimum. */
export const MEMBER_PASSWORD = 'member-password-0123';

let counter = 0;
/** A username nobody in this process has used yet. */
export function uniqueName(stem = 'user'): string {
  counter += 1;
  return `${stem}-${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

/**
 * Creates a member whose one group grants `permissions` (none when empty), signs her in and
 * returns her session client with her ids.
 */
export async function signInMember(server: TestServer, admin: ApiClient, permissions: readonly string[], username = uniqueName('member')) {
  const groupIds: string[] = [];
  if (permissions.length > 0) {
    const group = await admin.post('/v1/groups', { name: uniqueName('grp'), permissions });
    if (group.status !== 201) throw new Error(`group: ${group.status} ${group.text}`);
    groupIds.push(group.body.id);
  }
  const user = await admin.post('/v1/users', { username, password: MEMBER_PASSWORD, role: 'member', groupIds });
  if (user.status !== 201) throw new Error(`user: ${user.status} ${user.text}`);
  const session = await signIn(server, username, MEMBER_PASSWORD);
  return { ...session, username, userId: user.body.id as string, groupIds };
}

/**
 * A management key created by the admin whose groups grant `permissions`, and a client that
 * sends it as `Authorization: Bearer`. With no owner it acts for its creator (the admin), so
 * it holds exactly what its groups grant.
 */
export async function managementKey(server: TestServer, admin: ApiClient, permissions: readonly string[]) {
  const issued = await createKeyWith(admin, { permissions: [...permissions] });
  return { ...issued, client: apiClient(server.url, { bearer: issued.token }) };
}
