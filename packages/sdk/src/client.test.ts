import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { managementKey } from '../../../test/support/people.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { closedPort } from '../test/closed-port.ts';
import { createKeywardClient, type KeywardClient } from './client.ts';
import { KeywardConnectionError, KeywardError } from './keyward-error.ts';

describe('the SDK client against a real Keyward', () => {
  let server: TestServer;
  let keyward: KeywardClient;
  let admin: ApiClient;
  let calls: string[];

  beforeAll(async () => {
    server = await startTestServer();
    admin = (await signIn(server)).client;
    const { token } = await managementKey(server, admin, ['*']);
    calls = [];
    keyward = createKeywardClient({
      baseUrl: `${server.url}/`,
      token,
      fetch: (request) => {
        calls.push(`${request.method} ${new URL(request.url).pathname}`);
        return fetch(request);
      },
    });
  });
  afterAll(async () => server?.close());

  it('manages a key through its whole life with typed answers', async () => {
    const project = await keyward.projects.create({ name: 'Orders', keyPrefix: 'ord' });
    const group = await keyward.groups.create({ name: 'order-readers', permissions: ['orders.read'] });
    const issued = await keyward.keys.create({ projectId: project.id, name: 'worker', groupIds: [group.id], meta: { team: 'shop' } });
    expect(issued.token).toMatch(/^ord_[0-9A-Za-z]{30}$/);
    expect(issued.key).toMatchObject({ name: 'worker', status: 'active', permissions: ['orders.read'] });

    expect(await keyward.verify(issued.token, { projectId: project.id, permissions: ['orders.read'] })).toMatchObject({
      valid: true, code: 'VALID', keyId: issued.key.id, meta: { team: 'shop' },
    });
    expect((await keyward.keys.list({ projectId: project.id })).items.map((key) => key.id)).toEqual([issued.key.id]);
    expect((await keyward.keys.get(issued.key.id)).name).toBe('worker');

    expect((await keyward.keys.disable(issued.key.id)).status).toBe('inactive');
    expect((await keyward.verify(issued.token)).code).toBe('DISABLED');
    expect((await keyward.keys.enable(issued.key.id)).enabled).toBe(true);
    expect((await keyward.keys.update(issued.key.id, { description: 'reads orders' })).description).toBe('reads orders');

    expect((await keyward.keys.findByToken(issued.token))?.id).toBe(issued.key.id);
    expect(await keyward.keys.findByToken('ord_000000000000000000000000000000')).toBeNull();
    expect((await keyward.keys.verifications(issued.key.id)).items[0]).toMatchObject({ outcome: 'DISABLED' });
    expect((await keyward.keys.projects()).items).toContainEqual({ id: project.id, name: 'Orders' });

    const regenerated = await keyward.keys.regenerate(issued.key.id);
    expect(regenerated.token).not.toBe(issued.token);
    expect((await keyward.verify(issued.token)).code).toBe('NOT_FOUND');
    expect((await keyward.verify(regenerated.token)).valid).toBe(true);

    await keyward.keys.delete(issued.key.id);
    await expect(keyward.keys.get(issued.key.id)).rejects.toMatchObject({ name: 'KeywardError', status: 404, code: 'NOT_FOUND' });
    await keyward.groups.delete(group.id);
    await keyward.projects.delete(project.id);
  });

  it('covers users, groups, projects, audit and me', async () => {
    const me = await keyward.me();
    expect(me.user.username).toBe('admin');
    const user = await keyward.users.create({ username: 'sdk-user', password: 'sdk-user-password', role: 'member' });
    expect((await keyward.users.get(user.id)).username).toBe('sdk-user');
    expect((await keyward.users.list({ q: 'sdk-' })).items.map((item) => item.id)).toEqual([user.id]);
    expect((await keyward.users.update(user.id, { active: false })).active).toBe(false);
    await keyward.users.delete(user.id);
    const events = await keyward.audit.list({ action: 'user.deleted' });
    expect(events.items[0]?.target.id).toBe(user.id);
  });

  it('manages identities, keys that point at them and their named limits, and verifies with a cost', async () => {
    const project = await keyward.projects.create({ name: 'Metered', keyPrefix: 'met' });
    const acme = await keyward.identities.create({
      externalId: 'acme-corp',
      meta: { plan: 'enterprise' },
      // autoApply left out: it is true.
      ratelimits: [{ name: 'requests', limit: 100, durationMs: 60_000 }, { name: 'tokens', limit: 10, durationMs: 60_000, autoApply: false }],
    });
    expect(acme).toMatchObject({ externalId: 'acme-corp', keyCount: 0, ratelimits: [{ name: 'requests', autoApply: true }, { name: 'tokens', autoApply: false }] });
    const globex = await keyward.identities.create({ externalId: 'globex' });
    expect((await keyward.identities.list({ q: 'acme' })).items.map((identity) => identity.id)).toEqual([acme.id]);
    const everyone: string[] = [];
    for await (const identity of keyward.identities.all({ limit: 1 })) everyone.push(identity.externalId);
    expect(everyone.toSorted()).toEqual(['acme-corp', 'globex']);

    const byExternalId = await keyward.keys.create({ projectId: project.id, externalId: 'acme-corp', ratelimits: [{ name: 'burst', limit: 5, durationMs: 1_000 }] });
    expect(byExternalId.key).toMatchObject({ identity: { id: acme.id, externalId: 'acme-corp' }, ratelimits: [{ name: 'burst', limit: 5, durationMs: 1_000, autoApply: true }] });
    const byId = await keyward.keys.create({ projectId: project.id, identityId: acme.id });
    const loose = await keyward.keys.create({ projectId: project.id });
    expect((await keyward.identities.get(acme.id)).keyCount).toBe(2);
    expect((await keyward.keys.list({ identityId: acme.id })).items.map((key) => key.id).toSorted()).toEqual([byExternalId.key.id, byId.key.id].toSorted());
    expect((await keyward.keys.list({ externalId: 'acme-corp', projectId: project.id })).total).toBe(2);

    // The identity's tokens limit is shared by its keys and spent at the cost the call names.
    const first = await keyward.verify(byId.token, { ratelimits: [{ name: 'tokens', cost: 6 }] });
    expect(first).toMatchObject({ valid: true, code: 'VALID', identity: { id: acme.id, externalId: 'acme-corp', meta: { plan: 'enterprise' } } });
    expect(first.ratelimits).toEqual([
      expect.objectContaining({ name: 'requests', limit: 100, remaining: 99, exceeded: false }),
      expect.objectContaining({ name: 'tokens', limit: 10, remaining: 4, exceeded: false }),
    ]);
    const over = await keyward.verify(byExternalId.token, { ratelimits: [{ name: 'tokens', cost: 6 }] });
    expect(over).toMatchObject({ valid: false, code: 'RATE_LIMITED' });
    expect(over.ratelimits?.find((limit) => limit.name === 'tokens')).toMatchObject({ exceeded: true, remaining: 4 });
    expect((await keyward.verify(loose.token)).identity).toBeUndefined();

    // Moved to another identity, then to none; the identity's limits go with it.
    expect((await keyward.keys.update(byId.key.id, { externalId: 'globex' })).identity).toEqual({ id: globex.id, externalId: 'globex' });
    expect((await keyward.keys.update(byId.key.id, { identityId: null })).identity).toBeNull();
    expect((await keyward.verify(byId.token, { ratelimits: [{ name: 'tokens', cost: 6 }] })).code).toBe('VALID');
    await expect(keyward.keys.create({ projectId: project.id, externalId: 'nobody' })).rejects.toMatchObject({ status: 422, code: 'IDENTITY_NOT_FOUND' });

    const edited = await keyward.identities.update(acme.id, { meta: { plan: 'pro' }, ratelimits: [], remaining: 1 });
    expect(edited).toMatchObject({ meta: { plan: 'pro' }, ratelimits: [], remaining: 1 });
    expect((await keyward.verify(byExternalId.token)).code).toBe('VALID');
    expect((await keyward.verify(byExternalId.token)).code).toBe('USAGE_EXCEEDED');

    await expect(keyward.identities.delete(acme.id)).rejects.toMatchObject({ status: 409, code: 'CONFLICT' });
    await keyward.identities.delete(acme.id, { force: true });
    await expect(keyward.identities.get(acme.id)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await keyward.verify(byExternalId.token)).code).toBe('NOT_FOUND');
    await keyward.identities.delete(globex.id);
  });

  it('asks for a single-use portal link for one customer', async () => {
    const project = await keyward.projects.create({ name: 'Portal' });
    const group = await keyward.groups.create({ name: 'portal-readers', permissions: ['orders.read'] });
    await keyward.identities.create({ externalId: 'portal-customer' });
    const before = server.now();
    const session = await keyward.portal.createSession({ projectId: project.id, externalId: 'portal-customer', groupIds: [group.id], returnUrl: 'https://app.example.com/settings', ttlSeconds: 120 });
    expect(Date.parse(session.expiresAt)).toBeGreaterThan(before);
    expect(Date.parse(session.expiresAt)).toBeLessThanOrEqual(server.now() + 120_000);
    const opened = await fetch(session.url, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect((await fetch(session.url, { redirect: 'manual' })).status).toBe(410);

    const { token } = await managementKey(server, admin, ['keys.read']);
    const withoutPermission = createKeywardClient({ baseUrl: server.url, token });
    await expect(withoutPermission.portal.createSession({ projectId: project.id, externalId: 'portal-customer' })).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
    await expect(keyward.portal.createSession({ projectId: project.id, externalId: 'portal-customer', ttlSeconds: 3601 })).rejects.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it("speaks the customer's side of a portal link with its cookie and the portal's CSRF token", async () => {
    const project = await keyward.projects.create({ name: 'Portal keys', keyPrefix: 'pk' });
    const group = await keyward.groups.create({ name: 'portal-writers', permissions: ['orders.write'] });
    await keyward.identities.create({ externalId: 'portal-owner' });
    const { url } = await keyward.portal.createSession({ projectId: project.id, externalId: 'portal-owner', groupIds: [group.id] });
    const cookie = (await fetch(url, { redirect: 'manual' })).headers.get('set-cookie')!.split(';')[0]!;
    let csrf: string | undefined;
    const customer = createKeywardClient({ baseUrl: server.url, headers: { cookie }, csrfToken: () => csrf });

    const scope = await customer.portal.session();
    expect(scope).toMatchObject({ project: { id: project.id, name: 'Portal keys' }, identity: { externalId: 'portal-owner' }, groups: [{ id: group.id, name: 'portal-writers' }], returnUrl: null });
    await expect(customer.portal.keys.create({ groupIds: [group.id] })).rejects.toMatchObject({ status: 403, code: 'CSRF_FAILED' });
    csrf = scope.csrfToken;
    const issued = await customer.portal.keys.create({ name: 'ci', groupIds: [group.id] });
    expect(await keyward.verify(issued.token, { permissions: ['orders.write'] })).toMatchObject({ code: 'VALID', identity: { externalId: 'portal-owner' } });
    expect((await customer.portal.keys.list()).items.map((key) => key.id)).toEqual([issued.key.id]);
    expect((await customer.portal.keys.update(issued.key.id, { enabled: false })).status).toBe('inactive');
    expect((await customer.portal.keys.update(issued.key.id, { enabled: true, name: 'ci runner' })).name).toBe('ci runner');
    const regenerated = await customer.portal.keys.regenerate(issued.key.id);
    expect((await keyward.verify(issued.token)).code).toBe('NOT_FOUND');
    expect((await keyward.verify(regenerated.token)).code).toBe('VALID');
    const usage = await customer.portal.keys.usage(issued.key.id, { granularity: 'hour' });
    expect(usage.buckets.reduce((sum, bucket) => sum + bucket.total, 0)).toBeGreaterThan(0);
    await customer.portal.keys.delete(issued.key.id);
    expect((await customer.portal.keys.list()).total).toBe(0);
    // The management key is no portal session, and the ended session opens nothing.
    await expect(keyward.portal.keys.list()).rejects.toMatchObject({ status: 401 });
    await customer.portal.logout();
    await expect(customer.portal.session()).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('walks every page of a list', async () => {
    const project = await keyward.projects.create({ name: 'Paged' });
    for (let index = 0; index < 5; index += 1) await keyward.keys.create({ projectId: project.id, name: `k${index}` });
    calls.length = 0;
    const names: string[] = [];
    for await (const key of keyward.keys.all({ projectId: project.id, limit: 2 })) names.push(key.name);
    expect(names.toSorted()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(calls).toEqual(Array(3).fill('GET /v1/keys'));
  });

  it('throws a KeywardError with the problem for a 4xx, without retrying it', async () => {
    calls.length = 0;
    const error = await keyward.keys.create({ projectId: 'prj_0000000000000000000000', name: 'x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeywardError);
    expect(error).toMatchObject({ status: 422, code: 'PROJECT_NOT_FOUND' });
    expect(calls).toEqual(['POST /v1/keys']);

    const invalid = await keyward.projects.create({ name: 'x', keyPrefix: 'NOT OK' }).catch((caught: unknown) => caught as KeywardError);
    expect(invalid).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((invalid as KeywardError).errors.map((entry) => entry.path)).toContain('/keyPrefix');
  });

  it('answers 401 as a KeywardError when the token is wrong', async () => {
    const stranger = createKeywardClient({ baseUrl: server.url, token: 'tk_000000000000000000000000000000' });
    await expect(stranger.keys.list()).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('retries network errors, then succeeds', async () => {
    let failures = 2;
    const flaky = createKeywardClient({
      baseUrl: server.url,
      retry: { delayMs: 1 },
      fetch: async (request) => {
        if (failures-- > 0) throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
        return fetch(request);
      },
    });
    expect((await flaky.verify('tk_000000000000000000000000000000')).code).toBe('NOT_FOUND');
    expect(failures).toBe(-1);
  });

  it('gives up with a KeywardConnectionError when Keyward stays unreachable', async () => {
    let attempts = 0;
    const port = await closedPort();
    const down = createKeywardClient({
      baseUrl: `http://127.0.0.1:${port}`,
      retry: { retries: 2, delayMs: 1 },
      fetch: (request) => {
        attempts += 1;
        return fetch(request);
      },
    });
    const error = await down.verify('tk_000000000000000000000000000000').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeywardConnectionError);
    expect(String(error)).toContain(`could not reach Keyward at http://127.0.0.1:${port}`);
    expect(attempts).toBe(3);
  });

  it('reuses verify answers for the cache time, and asks again after it', async () => {
    let now = 1_000_000;
    const cached = createKeywardClient({
      baseUrl: server.url,
      verifyCache: { ttlMs: 5_000, now: () => now },
      fetch: (request) => {
        calls.push(`${request.method} ${new URL(request.url).pathname}`);
        return fetch(request);
      },
    });
    const project = await keyward.projects.create({ name: 'Cached' });
    const issued = await keyward.keys.create({ projectId: project.id });
    calls.length = 0;
    expect((await cached.verify(issued.token)).valid).toBe(true);
    await keyward.keys.disable(issued.key.id);
    calls.length = 0;
    expect((await cached.verify(issued.token)).valid).toBe(true);
    expect(calls).toEqual([]);
    now += 5_000;
    expect((await cached.verify(issued.token)).code).toBe('DISABLED');
    expect(calls).toEqual(['POST /v1/keys/verify']);
  });
});
