import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../../../test/support/api-client.ts';
import { foreignToken, secretsOf } from '../../../test/support/foreign-tokens.ts';
import { TEST_SECRET, type TestServer } from '../../../test/support/test-server.ts';
import { hashToken } from '../../domain/token.ts';
import { withServerAndAdmin, type ServerWithAdmin } from '../../../test/support/server-with-admin.ts';

describe('POST /v1/keys/import: happy paths', () => {
  let server: TestServer;
  let admin: ApiClient;
  let adminId: string;
  let projectId: string;
  let groupId: string;
  const anonymous = () => apiClient(server.url);

  let session: ServerWithAdmin['session'];
  withServerAndAdmin((started) => ({ server, admin, session } = started));
  beforeAll(async () => {
    adminId = session.userId;
    projectId = (await admin.post('/v1/projects', { name: 'Moved from elsewhere', keyPrefix: 'mv' })).body.id;
    groupId = (await admin.post('/v1/groups', { name: 'imported-orders', permissions: ['orders.*'] })).body.id;
  });

  it('imports hex, base64 and base64url hashes with their settings, all in one call', async () => {
    const [a, b, c] = [foreignToken(), foreignToken(), foreignToken('ba')];
    const response = await admin.post('/v1/keys/import', {
      projectId,
      keys: [
        { hash: { algorithm: 'sha256', encoding: 'hex', value: a.hex }, name: 'from hex', owner: 'admin', groupIds: [groupId], meta: { plan: 'pro' } },
        { hash: { algorithm: 'sha256', encoding: 'base64', value: b.base64 }, name: 'from Unkey', description: 'base64(sha256(key))', expiresAt: '2999-01-01T00:00:00.000Z' },
        { hash: { algorithm: 'sha256', encoding: 'base64', value: c.base64url }, name: 'from better-auth', enabled: false, ownerId: adminId },
      ],
    });
    expect(response.status, response.text).toBe(201);
    expect(response.body.imported).toBe(3);
    const [first, second, third] = response.body.keys;
    expect(first).toMatchObject({ projectId, name: 'from hex', start: '(imported)', end: '', status: 'active', owner: { id: adminId, username: 'admin' }, createdBy: { id: adminId }, groups: [{ id: groupId }], permissions: ['orders.*'], meta: { plan: 'pro' }, lastUsedAt: null });
    expect(second).toMatchObject({ name: 'from Unkey', description: 'base64(sha256(key))', expiresAt: '2999-01-01T00:00:00.000Z', owner: null, groups: [] });
    expect(third).toMatchObject({ name: 'from better-auth', enabled: false, status: 'inactive', owner: { id: adminId } });
    expect(response.text).not.toContain(a.hex);
    expect((await admin.get(`/v1/keys/${first.id}`)).body).toEqual(first);
    const audit = await admin.get(`/v1/audit?action=key.imported&keyId=${first.id}`);
    expect(audit.body.items).toHaveLength(1);
    expect(JSON.stringify(audit.body)).not.toContain(a.hex);
  });

  it('an imported key verifies with its original token, and then its stored hash is no longer SHA-256', async () => {
    const foreign = foreignToken('sk_live');
    const imported = await admin.post('/v1/keys/import', { projectId, keys: [{ hash: { algorithm: 'sha256', encoding: 'hex', value: foreign.hex }, groupIds: [groupId], meta: { team: 'a' } }] });
    const keyId = imported.body.keys[0].id;
    expect(await secretsOf(server, keyId)).toEqual([{ hash: foreign.hex, algorithm: 'sha256' }]);

    const verified = await anonymous().post('/v1/keys/verify', { key: foreign.token, projectId, permissions: 'orders.refunds.create' });
    expect(verified.body).toEqual({ valid: true, code: 'VALID', keyId, projectId, ownerId: null, permissions: ['orders.*'], expiresAt: null, meta: { team: 'a' } });

    const secrets = await secretsOf(server, keyId);
    expect(secrets).toEqual([{ hash: hashToken(Buffer.from(TEST_SECRET), foreign.token), algorithm: 'hmac-sha256-imported' }]);
    expect(secrets[0]!.hash).not.toBe(foreign.hex);
    const key = (await admin.get(`/v1/keys/${keyId}`)).body;
    expect(key.start).toBe(foreign.token.slice(0, 'sk_live_'.length + 4));
    expect(key.end).toBe(foreign.token.slice(-4));
    const upgrade = await admin.get(`/v1/audit?action=key.rehashed&keyId=${keyId}`);
    expect(upgrade.body.items).toHaveLength(1);
    expect(upgrade.body.items[0].actor.type).toBe('system');

    // From memory, then from the database by the keyed hash once the cache has forgotten it.
    expect((await anonymous().post('/v1/keys/verify', { key: foreign.token })).body.code).toBe('VALID');
    await admin.patch(`/v1/keys/${keyId}`, { name: 'renamed' });
    expect((await anonymous().post('/v1/keys/verify', { key: foreign.token })).body).toMatchObject({ code: 'VALID', keyId });
    expect((await admin.get(`/v1/audit?action=key.rehashed&keyId=${keyId}`)).body.items).toHaveLength(1);
  });

  it('a refused verification (disabled, wrong permission) does not upgrade the hash', async () => {
    const foreign = foreignToken();
    const imported = await admin.post('/v1/keys/import', { projectId, keys: [{ hash: { algorithm: 'sha256', encoding: 'base64', value: foreign.base64 }, enabled: false }] });
    const keyId = imported.body.keys[0].id;
    expect((await anonymous().post('/v1/keys/verify', { key: foreign.token })).body).toMatchObject({ valid: false, code: 'DISABLED', keyId });
    await admin.patch(`/v1/keys/${keyId}`, { enabled: true });
    expect((await anonymous().post('/v1/keys/verify', { key: foreign.token, permissions: 'orders.read' })).body.code).toBe('INSUFFICIENT_PERMISSIONS');
    expect(await secretsOf(server, keyId)).toEqual([{ hash: foreign.hex, algorithm: 'sha256' }]);
    expect((await anonymous().post('/v1/keys/verify', { key: foreign.token })).body.code).toBe('VALID');
    expect((await secretsOf(server, keyId))[0]!.algorithm).toBe('hmac-sha256-imported');
  });

  it('works through forward-auth, and as a management key', async () => {
    const viaProxy = foreignToken();
    const asManager = foreignToken();
    const keysReader = (await admin.post('/v1/groups', { name: 'imported-readers', permissions: ['keys.read'] })).body.id;
    const imported = await admin.post('/v1/keys/import', {
      projectId,
      keys: [
        { hash: { algorithm: 'sha256', encoding: 'hex', value: viaProxy.hex }, groupIds: [groupId] },
        { hash: { algorithm: 'sha256', encoding: 'hex', value: asManager.hex }, groupIds: [keysReader], owner: 'admin' },
      ],
    });
    const [proxyKey, managerKey] = imported.body.keys;
    const forwarded = await anonymous().get('/v1/authorize?permission=orders.read%20OR%20billing.read', { authorization: `Bearer ${viaProxy.token}` });
    expect(forwarded.status, forwarded.text).toBe(200);
    expect(forwarded.headers.get('x-keyward-key-id')).toBe(proxyKey.id);
    expect((await secretsOf(server, proxyKey.id))[0]!.algorithm).toBe('hmac-sha256-imported');

    const manager = apiClient(server.url, { bearer: asManager.token });
    expect((await manager.get(`/v1/keys/${proxyKey.id}`)).status).toBe(200);
    expect((await manager.post('/v1/keys', { projectId })).status).toBe(403);
    expect((await secretsOf(server, managerKey.id))[0]!.algorithm).toBe('hmac-sha256-imported');
  });

  it('a token tried just before its import verifies right after it (the negative cache is dropped)', async () => {
    const foreign = foreignToken();
    expect((await anonymous().post('/v1/keys/verify', { key: foreign.token })).body.code).toBe('NOT_FOUND');
    expect((await anonymous().post('/v1/keys/verify', { key: foreign.token })).body.code).toBe('NOT_FOUND');
    await admin.post('/v1/keys/import', { projectId, keys: [{ hash: { algorithm: 'sha256', encoding: 'hex', value: foreign.hex } }] });
    expect((await anonymous().post('/v1/keys/verify', { key: foreign.token })).body.code).toBe('VALID');
  });

  it('one first use at a time: concurrent first verifications all pass and upgrade once', async () => {
    const foreign = foreignToken();
    const imported = await admin.post('/v1/keys/import', { projectId, keys: [{ hash: { algorithm: 'sha256', encoding: 'hex', value: foreign.hex } }] });
    const keyId = imported.body.keys[0].id;
    const answers = await Promise.all(Array.from({ length: 20 }, () => anonymous().post('/v1/keys/verify', { key: foreign.token })));
    expect(answers.map((answer) => answer.body.code)).toEqual(Array(20).fill('VALID'));
    expect(await secretsOf(server, keyId)).toEqual([{ hash: hashToken(Buffer.from(TEST_SECRET), foreign.token), algorithm: 'hmac-sha256-imported' }]);
    expect((await admin.get(`/v1/audit?action=key.rehashed&keyId=${keyId}`)).body.items).toHaveLength(1);
  });

  it('imports 1,000 keys in one call', async () => {
    const tokens = Array.from({ length: 1000 }, () => foreignToken());
    const started = Date.now();
    const response = await admin.post('/v1/keys/import', {
      projectId,
      keys: tokens.map((foreign, i) => ({ hash: { algorithm: 'sha256', encoding: 'hex', value: foreign.hex }, name: `bulk ${i}`, groupIds: [groupId] })),
    });
    expect(response.status, response.text.slice(0, 500)).toBe(201);
    expect(response.body.imported).toBe(1000);
    expect(response.body.keys.map((key: { name: string }) => key.name)).toEqual(tokens.map((_, i) => `bulk ${i}`));
    expect(Date.now() - started).toBeLessThan(20_000);
    const sample = tokens[567]!;
    expect((await anonymous().post('/v1/keys/verify', { key: sample.token })).body).toMatchObject({ code: 'VALID', keyId: response.body.keys[567].id });
  });
});
