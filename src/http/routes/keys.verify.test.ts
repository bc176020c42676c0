import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, type ApiClient } from '../../../test/support/api-client.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { waitFor } from '../../../test/support/wait-for.ts';
import { LAST_USED_PRECISION_MS } from '../../runtime/usage/usage-recorder.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

describe('POST /v1/keys/verify', () => {
  let server: TestServer;
  let admin: ApiClient;
  // Verification needs no credential by default: the token is the credential.
  let anonymous: ApiClient;

  const verify = async (body: Record<string, unknown>) => {
    const response = await anonymous.post('/v1/keys/verify', body);
    expect(response.status, response.text).toBe(200);
    return response.body as { valid: boolean; code: string; [field: string]: unknown };
  };

  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    anonymous = apiClient(server.url);
  });

  it('VALID answers with the key id, project, owner, permissions, expiry and meta', async () => {
    const { token, keyId, projectId } = await createKeyWith(admin, {
      permissions: ['orders.read', 'orders.write'],
      key: { owner: 'admin', meta: { plan: 'pro' }, expiresAt: '2999-01-01T00:00:00.000Z' },
    });
    const adminId = (await admin.get('/v1/auth/me')).body.user.id;
    expect(await verify({ key: token })).toEqual({
      valid: true,
      code: 'VALID',
      keyId,
      projectId,
      ownerId: adminId,
      permissions: ['orders.read', 'orders.write'],
      expiresAt: '2999-01-01T00:00:00.000Z',
      meta: { plan: 'pro' },
    });
  });

  it('DISABLED after PATCH enabled:false, and VALID again once re-enabled', async () => {
    const { token, keyId } = await createKeyWith(admin);
    expect(await verify({ key: token })).toMatchObject({ valid: true, code: 'VALID', keyId });
    await admin.patch(`/v1/keys/${keyId}`, { enabled: false });
    expect(await verify({ key: token })).toMatchObject({ valid: false, code: 'DISABLED', keyId });
    await admin.patch(`/v1/keys/${keyId}`, { enabled: true });
    expect(await verify({ key: token })).toMatchObject({ valid: true, code: 'VALID', keyId });
  });

  it('regenerate: the old token is NOT_FOUND at once, the new one VALID', async () => {
    const { token, keyId } = await createKeyWith(admin);
    expect((await verify({ key: token })).code).toBe('VALID');
    const regenerated = await admin.post(`/v1/keys/${keyId}/regenerate`, {});
    expect(regenerated.status).toBe(200);
    expect(await verify({ key: token })).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(await verify({ key: regenerated.body.token })).toMatchObject({ valid: true, code: 'VALID', keyId });
  });

  it('regenerate with graceSeconds: both tokens VALID until the grace ends, then the old one NOT_FOUND', async () => {
    const { token: old, keyId } = await createKeyWith(admin);
    expect((await verify({ key: old })).code).toBe('VALID');
    const regenerated = await admin.post(`/v1/keys/${keyId}/regenerate`, { graceSeconds: 60 });
    const fresh = regenerated.body.token as string;
    expect(await verify({ key: old })).toMatchObject({ valid: true, code: 'VALID', keyId });
    expect(await verify({ key: fresh })).toMatchObject({ valid: true, code: 'VALID', keyId });

    server.advance(59_000);
    expect((await verify({ key: old })).code).toBe('VALID');
    expect((await verify({ key: fresh })).code).toBe('VALID');

    server.advance(2_000);
    expect(await verify({ key: old })).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(await verify({ key: fresh })).toMatchObject({ valid: true, code: 'VALID', keyId });
  });

  it('a second regeneration without grace ends a token still in its grace period', async () => {
    const { token: first, keyId } = await createKeyWith(admin);
    const second = (await admin.post(`/v1/keys/${keyId}/regenerate`, { graceSeconds: 3600 })).body.token;
    expect((await verify({ key: first })).code).toBe('VALID');
    const third = (await admin.post(`/v1/keys/${keyId}/regenerate`, { graceSeconds: 0 })).body.token;
    expect((await verify({ key: first })).code).toBe('NOT_FOUND');
    expect((await verify({ key: second })).code).toBe('NOT_FOUND');
    expect((await verify({ key: third })).code).toBe('VALID');
  });

  it('regenerating a disabled key keeps it disabled: the new token is DISABLED too', async () => {
    const { token, keyId } = await createKeyWith(admin, { key: { enabled: false } });
    expect((await verify({ key: token })).code).toBe('DISABLED');
    const fresh = (await admin.post(`/v1/keys/${keyId}/regenerate`, { graceSeconds: 30 })).body.token;
    expect((await verify({ key: fresh })).code).toBe('DISABLED');
    expect((await verify({ key: token })).code).toBe('DISABLED');
    await admin.patch(`/v1/keys/${keyId}`, { enabled: true });
    expect((await verify({ key: fresh })).code).toBe('VALID');
    expect((await verify({ key: token })).code).toBe('VALID');
  });

  it("tokens keep working after the project's prefix changes; new tokens carry the new prefix", async () => {
    const { token, keyId, projectId } = await createKeyWith(admin, { projectPrefix: 'oldp' });
    expect((await admin.patch(`/v1/projects/${projectId}`, { keyPrefix: 'newp' })).status).toBe(200);
    expect((await verify({ key: token, projectId })).code).toBe('VALID');
    const fresh = (await admin.post(`/v1/keys/${keyId}/regenerate`, {})).body.token as string;
    expect(fresh.startsWith('newp_')).toBe(true);
    expect((await verify({ key: fresh, projectId })).code).toBe('VALID');
    expect((await verify({ key: token })).code).toBe('NOT_FOUND');
  });

  it('EXPIRED once the server clock passes expiresAt, VALID again when expiresAt is cleared', async () => {
    const { token, keyId } = await createKeyWith(admin);
    await admin.patch(`/v1/keys/${keyId}`, { expiresAt: new Date(server.now() + 10_000).toISOString() });
    expect(await verify({ key: token })).toMatchObject({ valid: true, code: 'VALID' });
    server.advance(9_000);
    expect((await verify({ key: token })).code).toBe('VALID');
    server.advance(2_000);
    expect(await verify({ key: token })).toMatchObject({ valid: false, code: 'EXPIRED', keyId });
    await admin.patch(`/v1/keys/${keyId}`, { expiresAt: null });
    expect((await verify({ key: token })).code).toBe('VALID');
  });

  it('a key created with a past expiresAt is EXPIRED', async () => {
    const { token } = await createKeyWith(admin, { key: { expiresAt: new Date(server.now() - 1000).toISOString() } });
    expect((await verify({ key: token })).code).toBe('EXPIRED');
  });

  it('IPv4: VALID inside the CIDR allowlist, IP_NOT_ALLOWED outside or without an ip', async () => {
    const { token, keyId } = await createKeyWith(admin);
    expect((await verify({ key: token, ip: '198.51.100.1' })).code).toBe('VALID');
    await admin.patch(`/v1/keys/${keyId}`, { ipAllowlist: ['203.0.113.0/24', '192.0.2.7'] });
    expect((await verify({ key: token, ip: '203.0.113.200' })).code).toBe('VALID');
    expect((await verify({ key: token, ip: '192.0.2.7' })).code).toBe('VALID');
    expect(await verify({ key: token, ip: '203.0.114.1' })).toMatchObject({ valid: false, code: 'IP_NOT_ALLOWED', keyId });
    expect((await verify({ key: token, ip: '192.0.2.8' })).code).toBe('IP_NOT_ALLOWED');
    expect((await verify({ key: token })).code).toBe('IP_NOT_ALLOWED');
    // An IPv4-mapped IPv6 address is the IPv4 address it carries.
    expect((await verify({ key: token, ip: '::ffff:203.0.113.9' })).code).toBe('VALID');
  });

  it('IPv6: VALID inside the CIDR allowlist, IP_NOT_ALLOWED outside', async () => {
    const { token } = await createKeyWith(admin, { key: { ipAllowlist: ['2001:db8:abcd::/48'] } });
    expect((await verify({ key: token, ip: '2001:db8:abcd:12::1' })).code).toBe('VALID');
    expect((await verify({ key: token, ip: '2001:DB8:ABCD::FFFF' })).code).toBe('VALID');
    expect((await verify({ key: token, ip: '2001:db8:abce::1' })).code).toBe('IP_NOT_ALLOWED');
    expect((await verify({ key: token, ip: '203.0.113.9' })).code).toBe('IP_NOT_ALLOWED');
  });

  it('an ip that is not an address is a 400, not a verdict', async () => {
    const { token } = await createKeyWith(admin);
    for (const ip of ['localhost', '2130706433', '127.1', '010.0.0.1']) {
      const response = await anonymous.post('/v1/keys/verify', { key: token, ip });
      expect(response.status, ip).toBe(400);
      expect(response.body.errors).toEqual([{ path: '/ip', message: expect.any(String) }]);
    }
  });

  it("another project's id is NOT_FOUND, its own project VALID", async () => {
    const first = await createKeyWith(admin);
    const second = await createKeyWith(admin);
    expect(await verify({ key: first.token, projectId: first.projectId })).toMatchObject({ code: 'VALID', projectId: first.projectId });
    expect(await verify({ key: first.token, projectId: second.projectId })).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(await verify({ key: first.token, projectId: 'prj_0000000000000000000000' })).toEqual({ valid: false, code: 'NOT_FOUND' });
  });

  it('permissions as a string and as an array: all are required', async () => {
    const { token, keyId } = await createKeyWith(admin, { permissions: ['orders.read', 'orders.write'] });
    expect((await verify({ key: token, permissions: 'orders.read' })).code).toBe('VALID');
    expect((await verify({ key: token, permissions: ['orders.read', 'orders.write'] })).code).toBe('VALID');
    expect((await verify({ key: token, permissions: [] })).code).toBe('VALID');
    expect(await verify({ key: token, permissions: 'orders.delete' })).toMatchObject({ valid: false, code: 'INSUFFICIENT_PERMISSIONS', keyId });
    expect((await verify({ key: token, permissions: ['orders.read', 'orders.delete'] })).code).toBe('INSUFFICIENT_PERMISSIONS');
    // Grants are exact: a prefix is not a grant.
    expect((await verify({ key: token, permissions: 'orders' })).code).toBe('INSUFFICIENT_PERMISSIONS');
  });

  it('a malformed permission is 400', async () => {
    const { token } = await createKeyWith(admin);
    expect((await anonymous.post('/v1/keys/verify', { key: token, permissions: 'Orders Read' })).status).toBe(400);
    expect((await anonymous.post('/v1/keys/verify', { key: token, permissions: [42] })).status).toBe(400);
  });

  it('a deleted key is NOT_FOUND', async () => {
    const { token, keyId } = await createKeyWith(admin);
    expect((await verify({ key: token })).code).toBe('VALID');
    expect((await admin.delete(`/v1/keys/${keyId}`)).status).toBe(204);
    expect(await verify({ key: token })).toEqual({ valid: false, code: 'NOT_FOUND' });
  });

  it('keys of a deleted project are NOT_FOUND', async () => {
    const { token, projectId } = await createKeyWith(admin);
    expect((await verify({ key: token })).code).toBe('VALID');
    expect((await admin.delete(`/v1/projects/${projectId}?force=true`)).status).toBe(204);
    expect((await verify({ key: token })).code).toBe('NOT_FOUND');
  });

  it('malformed tokens and a bad checksum are NOT_FOUND', async () => {
    const { token } = await createKeyWith(admin);
    expect((await verify({ key: token })).code).toBe('VALID');
    const last = token.at(-1)!;
    const badChecksum = token.slice(0, -1) + (last === 'a' ? 'b' : 'a');
    const i = 8;
    const typo = token.slice(0, i) + (token[i] === 'Z' ? 'Y' : 'Z') + token.slice(i + 1);
    for (const bad of [badChecksum, typo, token.slice(0, -1), `${token}x`, token.toUpperCase(), 'tk_short', 'hello', ' '.repeat(3), 'x'.repeat(512)]) {
      expect(await verify({ key: bad }), bad).toEqual({ valid: false, code: 'NOT_FOUND' });
    }
  });

  it('a missing or empty key is a 400, not a verdict', async () => {
    expect((await anonymous.post('/v1/keys/verify', {})).status).toBe(400);
    expect((await anonymous.post('/v1/keys/verify', { key: '' })).status).toBe(400);
    expect((await anonymous.post('/v1/keys/verify', { key: 'x'.repeat(513) })).status).toBe(400);
    expect((await anonymous.post('/v1/keys/verify', { key: 'tk_x', extra: true })).status).toBe(400);
  });

  it("edits to a permission group reach the key's next verification", async () => {
    const { token, groupIds } = await createKeyWith(admin, { permissions: ['reports.read'] });
    const groupId = groupIds[0]!;
    // Warm the cache with the old permissions first.
    expect(await verify({ key: token, permissions: 'reports.read' })).toMatchObject({ code: 'VALID', permissions: ['reports.read'] });
    expect((await verify({ key: token, permissions: 'reports.export' })).code).toBe('INSUFFICIENT_PERMISSIONS');

    expect((await admin.patch(`/v1/groups/${groupId}`, { permissions: ['reports.read', 'reports.export'] })).status).toBe(200);
    expect(await verify({ key: token, permissions: 'reports.export' })).toMatchObject({ code: 'VALID', permissions: ['reports.export', 'reports.read'] });

    expect((await admin.patch(`/v1/groups/${groupId}`, { permissions: ['reports.export'] })).status).toBe(200);
    expect((await verify({ key: token, permissions: 'reports.read' })).code).toBe('INSUFFICIENT_PERMISSIONS');

    expect((await admin.delete(`/v1/groups/${groupId}`)).status).toBe(204);
    expect(await verify({ key: token, permissions: 'reports.export' })).toMatchObject({ code: 'INSUFFICIENT_PERMISSIONS', permissions: [] });
  });

  it("edits to a key's own settings reach the next verification (groups, meta, project check)", async () => {
    const { token, keyId } = await createKeyWith(admin, { permissions: ['a.read'] });
    expect(await verify({ key: token, permissions: 'a.read' })).toMatchObject({ code: 'VALID', meta: {} });
    const other = await admin.post('/v1/groups', { name: 'b-readers', permissions: ['b.read'] });
    await admin.patch(`/v1/keys/${keyId}`, { groupIds: [other.body.id], meta: { v: 2 } });
    expect((await verify({ key: token, permissions: 'a.read' })).code).toBe('INSUFFICIENT_PERMISSIONS');
    expect(await verify({ key: token, permissions: 'b.read' })).toMatchObject({ code: 'VALID', meta: { v: 2 } });
  });

  it('a token of an unknown key stays NOT_FOUND, and a newly issued one is VALID at once', async () => {
    const { token, projectId } = await createKeyWith(admin);
    expect((await verify({ key: token })).code).toBe('VALID');
    const fresh = await admin.post('/v1/keys', { projectId });
    expect((await verify({ key: fresh.body.token })).code).toBe('VALID');
  });

  it('counts verification results by code in /metrics', async () => {
    const { token, keyId } = await createKeyWith(admin);
    const count = async (code: string) => {
      const text = (await anonymous.get('/metrics')).text;
      const line = text.split('\n').find((l) => l.startsWith(`keyward_verifications_total{code="${code}"}`));
      return Number(line?.split(' ').at(-1));
    };
    const valid = await count('VALID');
    const disabled = await count('DISABLED');
    await verify({ key: token });
    await admin.patch(`/v1/keys/${keyId}`, { enabled: false });
    await verify({ key: token });
    await verify({ key: token });
    expect(await count('VALID')).toBe(valid + 1);
    expect(await count('DISABLED')).toBe(disabled + 2);
  });
});

