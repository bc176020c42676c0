import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, type ApiClient } from '../../../test/support/api-client.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { waitFor } from '../../../test/support/wait-for.ts';
import { LAST_USED_PRECISION_MS } from '../../runtime/usage/usage-recorder.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

describe('POST /v1/keys/verify: lastUsedAt', () => {
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


  it('lastUsedAt is null until a VALID verification, then set (written behind)', async () => {
    const { token, keyId } = await createKeyWith(admin);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await admin.get(`/v1/keys/${keyId}`)).body.lastUsedAt).toBeNull();

    const before = server.now();
    expect((await verify({ key: token })).code).toBe('VALID');
    const lastUsedAt = await waitFor(async () => (await admin.get(`/v1/keys/${keyId}`)).body.lastUsedAt ?? undefined, { what: 'lastUsedAt' });
    expect(Date.parse(lastUsedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(lastUsedAt)).toBeLessThanOrEqual(server.now());
  });

  it('a refused verification does not set lastUsedAt', async () => {
    const { token, keyId } = await createKeyWith(admin, { key: { enabled: false } });
    expect((await verify({ key: token })).code).toBe('DISABLED');
    expect((await verify({ key: token, permissions: 'nope' })).code).toBe('DISABLED');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await admin.get(`/v1/keys/${keyId}`)).body.lastUsedAt).toBeNull();
  });

  it('lastUsedAt moves forward with later uses', async () => {
    const { token, keyId } = await createKeyWith(admin);
    await verify({ key: token });
    const first = await waitFor(async () => (await admin.get(`/v1/keys/${keyId}`)).body.lastUsedAt ?? undefined);
    server.advance(60_000);
    await verify({ key: token });
    const second = await waitFor(async () => {
      const at = (await admin.get(`/v1/keys/${keyId}`)).body.lastUsedAt;
      return at !== first ? at : undefined;
    });
    expect(Date.parse(second) - Date.parse(first)).toBeGreaterThanOrEqual(60_000);
  });

  it('lastUsedAt is kept to five seconds: a key in steady use is not rewritten on every flush', async () => {
    const { token, keyId } = await createKeyWith(admin);
    const lastUsed = async () => {
      await server.app.services.usage.flush();
      return (await admin.get(`/v1/keys/${keyId}`)).body.lastUsedAt as string | null;
    };
    await verify({ key: token });
    const first = await lastUsed();
    expect(first).not.toBeNull();
    // The server's clock runs on from real time; a second of slack covers the test's own pace.
    server.advance(LAST_USED_PRECISION_MS - 1_000);
    await verify({ key: token });
    expect(await lastUsed()).toBe(first);
    server.advance(1_000);
    await verify({ key: token });
    expect(Date.parse((await lastUsed())!) - Date.parse(first!)).toBeGreaterThanOrEqual(LAST_USED_PRECISION_MS);
  });

});

// Rows written behind only when asked (the embedded store writes them every 30 s): what a key's
// views show comes from what this process noted.
describe('lastUsedAt before its row is written', () => {
  let server: TestServer;
  let admin: ApiClient;
  withServerAndAdmin((started) => ({ server, admin } = started), { usageFlushMs: 3_600_000 });
  const storedLastUse = async (keyId: string) =>
    (await server.app.store.db.selectFrom('keys').select('last_used_at').where('id', '=', keyId).executeTakeFirstOrThrow()).last_used_at;

  it('shows a use noted and not yet written in the key, the list and after an edit, then writes it', async () => {
    const { token, keyId, projectId } = await createKeyWith(admin);
    const before = server.now();
    expect((await apiClient(server.url).post('/v1/keys/verify', { key: token })).body.code).toBe('VALID');
    const shown = (await admin.get(`/v1/keys/${keyId}`)).body.lastUsedAt as string;
    expect(Date.parse(shown)).toBeGreaterThanOrEqual(before);
    expect(await storedLastUse(keyId)).toBeNull();
    expect((await admin.get(`/v1/keys?projectId=${projectId}`)).body.items.map((key: { lastUsedAt: string }) => key.lastUsedAt)).toEqual([shown]);
    expect((await admin.patch(`/v1/keys/${keyId}`, { name: 'renamed' })).body.lastUsedAt).toBe(shown);

    await server.app.services.usage.flush();
    expect(await storedLastUse(keyId)).toBe(shown);
    expect((await admin.get(`/v1/keys/${keyId}`)).body.lastUsedAt).toBe(shown);
  });

  it('shows the stored use when it is the later one (a use noted earlier, written by another way)', async () => {
    const { token, keyId } = await createKeyWith(admin);
    expect((await apiClient(server.url).post('/v1/keys/verify', { key: token })).body.code).toBe('VALID');
    const later = new Date(server.now() + 3_600_000).toISOString();
    await server.app.store.db.updateTable('keys').set({ last_used_at: later }).where('id', '=', keyId).execute();
    expect((await admin.get(`/v1/keys/${keyId}`)).body.lastUsedAt).toBe(later);
  });
});
