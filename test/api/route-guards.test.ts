import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGEMENT_PERMISSIONS } from '../../src/domain/permissions.ts';
import { generateToken } from '../../src/domain/token.ts';
import { apiClient, createKeyWith, signIn, type ApiClient, type ApiResponse } from '../support/api-client.ts';
import { snapshotDatabase } from '../support/db-snapshot.ts';
import { managementKey, MEMBER_PASSWORD, signInMember, uniqueName } from '../support/people.ts';
import { expectProblem } from '../support/problems.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { withServerAndAdmin, type ServerWithAdmin } from '../support/server-with-admin.ts';

/** Real ids for the routes' path parameters. */
type World = { projectId: string; userId: string; groupId: string; keyId: string; webhookId: string; identityId: string; externalId: string };

type GuardedRoute = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The contract's route, as OpenAPI writes it. */
  route: string;
  permission: (typeof MANAGEMENT_PERMISSIONS)[number];
  /** What the route answers when allowed. */
  success: number;
  body?: (world: World) => unknown;
};

/** Every management route of the contract and the permission it needs. */
const GUARDED_ROUTES: GuardedRoute[] = [
  { method: 'GET', route: '/v1/projects', permission: 'projects.read', success: 200 },
  { method: 'POST', route: '/v1/projects', permission: 'projects.write', success: 201, body: () => ({ name: 'Guarded project' }) },
  { method: 'GET', route: '/v1/projects/{id}', permission: 'projects.read', success: 200 },
  { method: 'PATCH', route: '/v1/projects/{id}', permission: 'projects.write', success: 200, body: () => ({ name: 'Renamed project' }) },
  { method: 'DELETE', route: '/v1/projects/{id}', permission: 'projects.write', success: 204 },
  { method: 'GET', route: '/v1/users', permission: 'users.read', success: 200 },
  { method: 'POST', route: '/v1/users', permission: 'users.write', success: 201, body: () => ({ username: uniqueName('guarded'), role: 'member' }) },
  { method: 'GET', route: '/v1/users/{id}', permission: 'users.read', success: 200 },
  { method: 'PATCH', route: '/v1/users/{id}', permission: 'users.write', success: 200, body: () => ({ username: uniqueName('renamed') }) },
  { method: 'DELETE', route: '/v1/users/{id}', permission: 'users.write', success: 204 },
  { method: 'GET', route: '/v1/groups', permission: 'groups.read', success: 200 },
  { method: 'POST', route: '/v1/groups', permission: 'groups.write', success: 201, body: () => ({ name: uniqueName('guarded'), permissions: [] }) },
  { method: 'GET', route: '/v1/groups/{id}', permission: 'groups.read', success: 200 },
  { method: 'PATCH', route: '/v1/groups/{id}', permission: 'groups.write', success: 200, body: () => ({ description: 'edited' }) },
  { method: 'DELETE', route: '/v1/groups/{id}', permission: 'groups.write', success: 204 },
  { method: 'GET', route: '/v1/keys', permission: 'keys.read', success: 200 },
  { method: 'POST', route: '/v1/keys', permission: 'keys.write', success: 201, body: (world) => ({ projectId: world.projectId, name: 'guarded key' }) },
  { method: 'GET', route: '/v1/keys/{id}', permission: 'keys.read', success: 200 },
  { method: 'PATCH', route: '/v1/keys/{id}', permission: 'keys.write', success: 200, body: () => ({ name: 'edited key' }) },
  { method: 'DELETE', route: '/v1/keys/{id}', permission: 'keys.write', success: 204 },
  { method: 'POST', route: '/v1/keys/{id}/regenerate', permission: 'keys.write', success: 200, body: () => ({}) },
  { method: 'POST', route: '/v1/keys/import', permission: 'keys.write', success: 201, body: (world) => ({ projectId: world.projectId, keys: [{ hash: { algorithm: 'sha256', encoding: 'hex', value: randomBytes(32).toString('hex') } }] }) },
  { method: 'POST', route: '/v1/keys/leaked', permission: 'keys.write', success: 200, body: () => ({ tokens: [generateToken('tk')] }) },
  { method: 'GET', route: '/v1/keys/{id}/usage', permission: 'keys.read', success: 200 },
  { method: 'POST', route: '/v1/keys/find', permission: 'keys.read', success: 200, body: () => ({ token: generateToken('tk') }) },
  { method: 'GET', route: '/v1/keys/projects', permission: 'keys.read', success: 200 },
  { method: 'GET', route: '/v1/keys/{id}/verifications', permission: 'keys.read', success: 200 },
  { method: 'GET', route: '/v1/usage', permission: 'keys.read', success: 200 },
  { method: 'GET', route: '/v1/audit', permission: 'audit.read', success: 200 },
  { method: 'GET', route: '/v1/identities', permission: 'identities.read', success: 200 },
  { method: 'POST', route: '/v1/identities', permission: 'identities.write', success: 201, body: () => ({ externalId: uniqueName('guarded') }) },
  { method: 'GET', route: '/v1/identities/{id}', permission: 'identities.read', success: 200 },
  { method: 'PATCH', route: '/v1/identities/{id}', permission: 'identities.write', success: 200, body: () => ({ meta: { edited: true } }) },
  { method: 'DELETE', route: '/v1/identities/{id}', permission: 'identities.write', success: 204 },
  { method: 'POST', route: '/v1/portal/sessions', permission: 'portal.write', success: 201, body: (world) => ({ projectId: world.projectId, externalId: world.externalId }) },
  // The webhook routes last: a test event is sent in the background after its 202.
  { method: 'GET', route: '/v1/webhooks', permission: 'webhooks.read', success: 200 },
  { method: 'POST', route: '/v1/webhooks', permission: 'webhooks.write', success: 201, body: () => ({ url: 'https://hooks.example.com/guarded', events: ['key.leaked'] }) },
  { method: 'GET', route: '/v1/webhooks/{id}', permission: 'webhooks.read', success: 200 },
  { method: 'PATCH', route: '/v1/webhooks/{id}', permission: 'webhooks.write', success: 200, body: () => ({ description: 'edited' }) },
  { method: 'DELETE', route: '/v1/webhooks/{id}', permission: 'webhooks.write', success: 204 },
  { method: 'POST', route: '/v1/webhooks/{id}/rotate-secret', permission: 'webhooks.write', success: 200 },
  { method: 'GET', route: '/v1/webhooks/{id}/deliveries', permission: 'webhooks.read', success: 200 },
  { method: 'POST', route: '/v1/webhooks/{id}/test', permission: 'webhooks.write', success: 202 },
];

/** Routes that need a signed-in caller but no particular permission. */
const SIGNED_IN_ROUTES = [
  { method: 'GET', route: '/v1/auth/me' },
  { method: 'POST', route: '/v1/auth/logout' },
] as const;

/** The self-service portal's routes: a portal session only (test/api/portal.test.ts goes further). */
const PORTAL_ROUTES = [
  { method: 'GET', route: '/v1/portal/session' },
  { method: 'POST', route: '/v1/portal/logout' },
  { method: 'GET', route: '/v1/portal/keys' },
  { method: 'POST', route: '/v1/portal/keys' },
  { method: 'PATCH', route: '/v1/portal/keys/{id}' },
  { method: 'DELETE', route: '/v1/portal/keys/{id}' },
  { method: 'POST', route: '/v1/portal/keys/{id}/regenerate' },
  { method: 'GET', route: '/v1/portal/keys/{id}/usage' },
] as const;

/** Routes for a signed-in person only: a management key acts for a person but is not them. */
const SESSION_ONLY_ROUTES = [
  { method: 'POST', route: '/v1/auth/password', body: { currentPassword: MEMBER_PASSWORD, newPassword: 'another-password-0123' } },
  { method: 'DELETE', route: '/v1/auth/sessions/others', body: undefined },
] as const;

function pathOf(route: GuardedRoute, world: World): string {
  const resource = route.route.split('/')[2];
  const id = { projects: world.projectId, users: world.userId, groups: world.groupId, keys: world.keyId, webhooks: world.webhookId, identities: world.identityId }[resource as 'projects'];
  return route.route.replace('{id}', id);
}

function send(client: ApiClient, route: GuardedRoute, world: World): Promise<ApiResponse> {
  return client.request(route.method, pathOf(route, world), route.body?.(world));
}

const label = (route: GuardedRoute) => `${route.method} ${route.route} (${route.permission})`;

// Authentication touches these as it goes; they are not changes a refused request made.
const TOUCHED_BY_AUTHENTICATION = ['keys.last_used_at', 'sessions.last_seen_at'];

describe('management route guards', () => {
  let server: TestServer;
  let admin: ApiClient;
  let adminSession: { cookie: string; csrfToken: string };
  let world: World;
  const membersWithout = new Map<string, ApiClient>();
  const keysWithout = new Map<string, ApiClient>();

  /** A project (with no keys), a member (owning no keys), a group, a key in another project and a webhook. */
  async function makeWorld(): Promise<World> {
    const project = await admin.post('/v1/projects', { name: 'Guarded world' });
    const user = await admin.post('/v1/users', { username: uniqueName('world'), role: 'member' });
    const group = await admin.post('/v1/groups', { name: uniqueName('world'), permissions: [] });
    const { keyId } = await createKeyWith(admin);
    const webhook = await admin.post('/v1/webhooks', { url: 'https://hooks.example.com/world', events: ['key.leaked'] });
    const identity = await admin.post('/v1/identities', { externalId: uniqueName('world') });
    return { projectId: project.body.id, userId: user.body.id, groupId: group.body.id, keyId, webhookId: webhook.body.webhook.id, identityId: identity.body.id, externalId: identity.body.externalId };
  }

  const allBut = (permission: string) => MANAGEMENT_PERMISSIONS.filter((p) => p !== permission);

  let session: ServerWithAdmin['session'];
  withServerAndAdmin((started) => ({ server, admin, session } = started));
  beforeAll(async () => {
    adminSession = { cookie: session.cookie, csrfToken: session.csrfToken };
    world = await makeWorld();
    for (const permission of MANAGEMENT_PERMISSIONS) {
      membersWithout.set(permission, (await signInMember(server, admin, allBut(permission))).client);
      keysWithout.set(permission, (await managementKey(server, admin, allBut(permission))).client);
    }
  });

  it('the table lists every management route that /openapi.json describes', async () => {
    const document = (await apiClient(server.url).get('/openapi.json')).body as {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    const documented: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const security = operation.security ?? [];
        const needsCredential = security.length > 0 && security.every((scheme) => Object.keys(scheme).length > 0);
        if (needsCredential) documented.push(`${method.toUpperCase()} ${path}`);
      }
    }
    const listed = [...GUARDED_ROUTES, ...SIGNED_IN_ROUTES, ...SESSION_ONLY_ROUTES, ...PORTAL_ROUTES].map((route) => `${route.method} ${route.route}`);
    expect(listed.sort()).toEqual(documented.sort());
  });

  it.each(PORTAL_ROUTES)('$method $route answers 401 to anyone but a portal session: no one, a * key, an admin session', async (route) => {
    const path = route.route.replace('{id}', world.keyId);
    const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
    const everything = (await createKeyWith(admin, { permissions: ['*'] })).token;
    for (const client of [apiClient(server.url), apiClient(server.url, { bearer: everything }), admin]) {
      expectProblem(await client.request(route.method, path, body), 401, 'UNAUTHENTICATED');
    }
  });

  describe.each(GUARDED_ROUTES)('$method $route', (route) => {
    it('answers 401 UNAUTHENTICATED without credentials or with unknown ones, changing nothing', async () => {
      const before = (await snapshotDatabase(server, TOUCHED_BY_AUTHENTICATION));
      const anonymous = await send(apiClient(server.url), route, world);
      expectProblem(anonymous, 401, 'UNAUTHENTICATED');
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expectProblem(await send(apiClient(server.url, { bearer: 'tk_000000000000000000000000000000' }), route, world), 401, 'UNAUTHENTICATED');
      expectProblem(await send(apiClient(server.url, { cookie: 'keyward_session=forged', csrfToken: 'forged' }), route, world), 401, 'UNAUTHENTICATED');
      expect((await snapshotDatabase(server, TOUCHED_BY_AUTHENTICATION))).toEqual(before);
    });

    it(`answers 403 FORBIDDEN to a member and to a management key holding everything but ${route.permission}`, async () => {
      const before = (await snapshotDatabase(server, TOUCHED_BY_AUTHENTICATION));
      const member = await send(membersWithout.get(route.permission)!, route, world);
      expectProblem(member, 403, 'FORBIDDEN');
      expect(member.body.detail).toContain(route.permission);
      const key = await send(keysWithout.get(route.permission)!, route, world);
      expectProblem(key, 403, 'FORBIDDEN');
      expect(key.body.detail).toContain(route.permission);
      expect((await snapshotDatabase(server, TOUCHED_BY_AUTHENTICATION))).toEqual(before);
    });

    if (route.method !== 'GET') {
      it('answers 403 CSRF_FAILED to a session write without x-csrf-token or with a wrong one', async () => {
        const before = (await snapshotDatabase(server, TOUCHED_BY_AUTHENTICATION));
        expectProblem(await send(apiClient(server.url, { cookie: adminSession.cookie }), route, world), 403, 'CSRF_FAILED');
        const wrong = apiClient(server.url, { cookie: adminSession.cookie, csrfToken: `${adminSession.csrfToken.slice(0, -2)}xx` });
        expectProblem(await send(wrong, route, world), 403, 'CSRF_FAILED');
        const empty = apiClient(server.url, { cookie: adminSession.cookie });
        expectProblem(await empty.request(route.method, pathOf(route, world), route.body?.(world), { 'x-csrf-token': '' }), 403, 'CSRF_FAILED');
        expect((await snapshotDatabase(server, TOUCHED_BY_AUTHENTICATION))).toEqual(before);
      });
    }

    it(`succeeds for a management key holding just ${route.permission}, without any CSRF token`, async () => {
      const fresh = await makeWorld();
      const key = await managementKey(server, admin, [route.permission]);
      const response = await send(key.client, route, fresh);
      expect(response.status, response.text).toBe(route.success);
    });

    it(`lets a signed-in member holding just ${route.permission} past the guard`, async () => {
      const fresh = await makeWorld();
      const member = await signInMember(server, admin, [route.permission]);
      const response = await send(member.client, route, fresh);
      // Members see only their own keys, so a key route may answer 404; never 401 or 403.
      expect([401, 403], response.text).not.toContain(response.status);
      expect(response.status).toBeLessThan(500);
    });
  });

  describe.each(SIGNED_IN_ROUTES)('$method $route (any signed-in caller)', (route) => {
    it('answers 401 without credentials and succeeds for a member or key holding no permission', async () => {
      expectProblem(await apiClient(server.url).request(route.method, route.route), 401, 'UNAUTHENTICATED');
      const member = await signInMember(server, admin, []);
      const bare = await managementKey(server, admin, []);
      expect((await member.client.request(route.method, route.route)).status).toBe(route.method === 'GET' ? 200 : 204);
      expect((await bare.client.request(route.method, route.route)).status).toBe(route.method === 'GET' ? 200 : 204);
      if (route.method === 'POST') {
        const other = await signInMember(server, admin, []);
        expectProblem(await apiClient(server.url, { cookie: other.cookie }).request(route.method, route.route), 403, 'CSRF_FAILED');
        expect((await other.client.get('/v1/auth/me')).status).toBe(200);
      }
    });
  });

  describe.each(SESSION_ONLY_ROUTES)('$method $route (a signed-in person only)', (route) => {
    it('answers 401 without credentials, 403 to any management key, 403 CSRF_FAILED to a cookie alone, and succeeds for a member holding no permission', async () => {
      expectProblem(await apiClient(server.url).request(route.method, route.route, route.body), 401, 'UNAUTHENTICATED');
      const everything = await managementKey(server, admin, ['*']);
      expectProblem(await everything.client.request(route.method, route.route, route.body), 403, 'FORBIDDEN');
      const member = await signInMember(server, admin, []);
      expectProblem(await apiClient(server.url, { cookie: member.cookie }).request(route.method, route.route, route.body), 403, 'CSRF_FAILED');
      expect((await member.client.request(route.method, route.route, route.body)).status).toBe(204);
    });
  });

  it('a key never acts with more than the person behind it holds today', async () => {
    // A member's key whose group grants projects.write acts with nothing once she loses it.
    const member = await signInMember(server, admin, ['projects.write', 'keys.write']);
    const group = await admin.post('/v1/groups', { name: uniqueName('kp'), permissions: ['projects.write'] });
    const project = await admin.post('/v1/projects', { name: 'For her key' });
    const issued = await admin.post('/v1/keys', { projectId: project.body.id, ownerId: member.userId, groupIds: [group.body.id] });
    const key = apiClient(server.url, { bearer: issued.body.token });
    expect((await key.post('/v1/projects', { name: 'While she may' })).status).toBe(201);
    await admin.patch(`/v1/users/${member.userId}`, { groupIds: [] });
    expectProblem(await key.post('/v1/projects', { name: 'After she may not' }), 403, 'FORBIDDEN');
    await admin.patch(`/v1/users/${member.userId}`, { active: false });
    expectProblem(await key.get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
  });
});

