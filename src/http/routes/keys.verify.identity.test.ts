import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../../../test/support/api-client.ts';
import { namedLimit as limit } from '../../../test/support/named-limits.ts';
import { uniqueName } from '../../../test/support/people.ts';
import { createIdentity, createProjectKey, verifyToken, type Identity } from '../../../test/support/verify-calls.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

describe('verification answers carry the identity, and see its edits at once', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anonymous: ApiClient;
  let projectId: string;
  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    anonymous = apiClient(server.url);
    projectId = (await admin.post('/v1/projects', { name: 'Answered', keyPrefix: 'an' })).body.id;
  });

  const identity = (body?: Record<string, unknown>) => createIdentity(admin, body);
  const key = (body?: Record<string, unknown>) => createProjectKey(admin, projectId, body);
  const verify = (token: string, extra?: Record<string, unknown>) => verifyToken(anonymous, token, extra);
  const edit = async (path: string, body: Record<string, unknown>) => {
    const response = await admin.patch(path, body);
    expect(response.status, response.text).toBe(200);
  };
  const shown = (customer: Identity) => ({ id: customer.id, externalId: customer.externalId, meta: customer.meta });

  it('every answer for a key of an identity carries {id, externalId, meta}, whatever its code; NOT_FOUND carries nothing', async () => {
    const customer = await identity({ meta: { plan: 'pro', tier: 2 }, ratelimits: [limit('tokens', { limit: 1, autoApply: false })], remaining: 100 });
    const cases: [Record<string, unknown>, Record<string, unknown>, string][] = [
      [{}, {}, 'VALID'],
      [{ enabled: false }, {}, 'DISABLED'],
      [{ ipAllowlist: ['10.0.0.1'] }, { ip: '192.0.2.7' }, 'IP_NOT_ALLOWED'],
      [{}, { permissions: ['orders.refund'] }, 'INSUFFICIENT_PERMISSIONS'],
      [{ remaining: 0 }, {}, 'USAGE_EXCEEDED'],
    ];
    for (const [settings, request, code] of cases) {
      const { token, key: made } = await key({ identityId: customer.id, meta: { key: 'own' }, ...settings });
      const answer = await verify(token, request);
      expect(answer, code).toMatchObject({ code, keyId: made.id, meta: { key: 'own' }, identity: shown(customer) });
    }
    const expiring = await key({ identityId: customer.id, expiresAt: new Date(server.now() + 1000).toISOString() });
    server.advance(2000);
    expect(await verify(expiring.token)).toMatchObject({ code: 'EXPIRED', identity: shown(customer) });
    const { token } = await key({ identityId: customer.id });
    await verify(token, { ratelimits: [{ name: 'tokens' }] });
    expect(await verify(token, { ratelimits: [{ name: 'tokens' }] })).toMatchObject({ code: 'RATE_LIMITED', identity: shown(customer) });
    const elsewhere = (await admin.post('/v1/projects', { name: uniqueName('Elsewhere') })).body.id;
    expect(await verify(token, { projectId: elsewhere })).toEqual({ valid: false, code: 'NOT_FOUND' });
    // A key without an identity answers without one.
    expect(await verify((await key()).token)).not.toHaveProperty('identity');
  });

  it('forward-auth answers X-Keyward-External-Id (percent-encoded) and the identity; none for a key without one', async () => {
    for (const externalId of ['acme-corp', 'Café & Co/ü 1', 'evil\r\nX-Injected: yes']) {
      const customer = await identity({ externalId: `${externalId} ${uniqueName('x')}`, meta: { plan: 'gold' } });
      const { token, key: made } = await key({ identityId: customer.id });
      const answer = await anonymous.get(`/v1/authorize?projectId=${projectId}`, { 'x-api-key': token });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.headers.get('x-keyward-external-id')).toBe(encodeURIComponent(customer.externalId));
      expect(decodeURIComponent(answer.headers.get('x-keyward-external-id')!)).toBe(customer.externalId);
      expect(answer.headers.get('x-injected')).toBeNull();
      expect(answer.headers.get('x-keyward-key-id')).toBe(made.id);
      expect(answer.body.identity).toEqual(shown(customer));
    }
    const plain = await anonymous.get('/v1/authorize', { authorization: `Bearer ${(await key()).token}` });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('x-keyward-external-id')).toBeNull();
  });

  it('forward-auth answers 429 with Retry-After when an identity\'s shared limit is spent', async () => {
    const customer = await identity({ ratelimits: [limit('requests', { limit: 1 })] });
    const first = await key({ identityId: customer.id });
    const second = await key({ identityId: customer.id });
    expect((await anonymous.get('/v1/authorize', { 'x-api-key': first.token })).status).toBe(200);
    const refused = await anonymous.get('/v1/authorize', { 'x-api-key': second.token });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-keyward-code')).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(61);
  });

  it('an edit of the identity (meta, externalId, limits, quota) holds from the very next verification', async () => {
    const customer = await identity({ meta: { plan: 'free' } });
    const { token } = await key({ identityId: customer.id });
    // Warm the cache: the edits must reach it.
    expect((await verify(token)).identity.meta).toEqual({ plan: 'free' });

    await edit(`/v1/identities/${customer.id}`, { meta: { plan: 'pro' } });
    expect((await verify(token)).identity.meta).toEqual({ plan: 'pro' });

    const renamed = uniqueName('renamed');
    await edit(`/v1/identities/${customer.id}`, { externalId: renamed });
    expect((await verify(token)).identity.externalId).toBe(renamed);

    await edit(`/v1/identities/${customer.id}`, { ratelimits: [limit('requests', { limit: 1 })] });
    expect((await verify(token)).code).toBe('VALID');
    expect((await verify(token)).code).toBe('RATE_LIMITED');
    await edit(`/v1/identities/${customer.id}`, { ratelimits: [limit('requests', { limit: 3 })] });
    expect((await verify(token)).code).toBe('VALID');
    await edit(`/v1/identities/${customer.id}`, { ratelimits: [] });
    expect(await verify(token)).not.toHaveProperty('ratelimits');

    await edit(`/v1/identities/${customer.id}`, { remaining: 1 });
    expect(await verify(token)).toMatchObject({ code: 'VALID', remaining: 0 });
    expect((await verify(token)).code).toBe('USAGE_EXCEEDED');
    await edit(`/v1/identities/${customer.id}`, { remaining: 2 });
    expect(await verify(token)).toMatchObject({ code: 'VALID', remaining: 1 });
    await edit(`/v1/identities/${customer.id}`, { remaining: null });
    const unlimited = await verify(token);
    expect(unlimited.code).toBe('VALID');
    expect(unlimited).not.toHaveProperty('remaining');
  });

  it('moving a key to another identity, or to none, holds from the very next verification', async () => {
    const strict = await identity({ meta: { plan: 'strict' }, ratelimits: [limit('requests', { limit: 1 })] });
    const roomy = await identity({ meta: { plan: 'roomy' } });
    const { token, key: made } = await key({ identityId: strict.id });
    expect((await verify(token)).code).toBe('VALID');
    expect((await verify(token)).code).toBe('RATE_LIMITED');
    await edit(`/v1/keys/${made.id}`, { externalId: roomy.externalId });
    expect(await verify(token)).toMatchObject({ code: 'VALID', identity: shown(roomy) });
    await edit(`/v1/keys/${made.id}`, { identityId: strict.id });
    expect(await verify(token)).toMatchObject({ code: 'RATE_LIMITED', identity: shown(strict) });
    await edit(`/v1/keys/${made.id}`, { identityId: null });
    const alone = await verify(token);
    expect(alone.code).toBe('VALID');
    expect(alone).not.toHaveProperty('identity');
  });

  it('an identity deleted with force takes its keys with it, cached or not; a key of another identity goes on', async () => {
    const doomed = await identity();
    const kept = await identity();
    const theirs = await key({ identityId: doomed.id });
    const other = await key({ identityId: kept.id });
    expect((await verify(theirs.token)).code).toBe('VALID');
    expect((await admin.delete(`/v1/identities/${doomed.id}?force=true`)).status).toBe(204);
    expect(await verify(theirs.token)).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(await verify(other.token)).toMatchObject({ code: 'VALID', identity: shown(kept) });
  });

  it('an identity\'s quota spent by verifications is written behind to it', async () => {
    const customer = await identity({ remaining: 10 });
    const { token } = await key({ identityId: customer.id });
    await verify(token, { cost: 3 });
    await verify(token);
    let stored = 10;
    for (let i = 0; i < 40 && stored !== 6; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      stored = (await admin.get(`/v1/identities/${customer.id}`)).body.remaining;
    }
    expect(stored).toBe(6);
  });
});
