import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { foreignToken } from '../../../test/support/foreign-tokens.ts';
import { hashFilterReady, untilHashFilterReady } from '../../../test/support/hash-filter.ts';
import { startTestServer, TEST_SECRET, type TestServer } from '../../../test/support/test-server.ts';
import { generateToken, hashToken } from '../../domain/token.ts';

const SECRET = Buffer.from(TEST_SECRET);

/**
 * A scan of one row per chunk that waits, once it has read `rows` rows, until the test opens the
 * gate: a hash written then that sorts below the last one read is never read by the scan.
 */
function gatedScan(rows: number) {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  let chunksRead = 0;
  return {
    keyHashScan: { rowsPerChunk: 1, between: () => (++chunksRead < rows ? Promise.resolve() : opened) },
    get chunksRead() {
      return chunksRead;
    },
    open,
  };
}

// The attacker's view first: a token the filter has not seen must be a key that does not exist.
// Every way a hash is written (created alone, in a batch of concurrent creations, regenerated
// with a grace period, imported, upgraded on first use), before a restart, during the filter's
// scan and after it, must verify VALID; made-up tokens cost SQLite no statement once it is
// filled, and PostgreSQL one look-up each, as before.
describe('POST /v1/keys/verify with the filter of stored token hashes', () => {
  let first: TestServer;
  let server: TestServer;
  let admin: ApiClient;
  const anonymous = () => apiClient(server.url);
  // Enough keys before the restart that some written during the scan surely sort below them all.
  const KEYS_BEFORE_RESTART = 8;
  const scan = gatedScan(KEYS_BEFORE_RESTART);
  const beforeRestart: { token: string; keyId: string }[] = [];
  let projectId: string;

  beforeAll(async () => {
    first = await startTestServer();
    const firstAdmin = (await signIn(first)).client;
    for (let i = 0; i < KEYS_BEFORE_RESTART; i++) beforeRestart.push(await createKeyWith(firstAdmin));
    await first.app.close();
    server = await startTestServer({ restartOf: first, keyHashScan: scan.keyHashScan });
    admin = (await signIn(server)).client;
    projectId = (await admin.post('/v1/projects', { name: 'filtered', keyPrefix: 'hf' })).body.id;
  });
  afterAll(async () => {
    scan.open();
    await server?.close();
    await first?.close();
  });

  const verify = async (token: string) => (await anonymous().post('/v1/keys/verify', { key: token })).body as { code: string; keyId?: string };
  const ready = () => hashFilterReady(anonymous());
  const create = async () => {
    const response = await admin.post('/v1/keys', { projectId, name: 'filtered' });
    expect(response.status, response.text).toBe(201);
    return { token: response.body.token as string, keyId: response.body.key.id as string };
  };

  it('keys written before the restart, during the scan and after it verify VALID once the filter is filled', async () => {
    const sqlite = server.store === 'sqlite';
    if (sqlite) {
      expect(scan.chunksRead, 'the scan waits once it has read every hash stored before').toBe(KEYS_BEFORE_RESTART);
      expect(await ready()).toBe(false);
    }
    // Written while the scan waits: by the triggers alone, as far as the filter knows.
    const alone = await create();
    const batched = await Promise.all(Array.from({ length: 6 }, () => create()));
    const regenerated = await create();
    const regeneration = await admin.post(`/v1/keys/${regenerated.keyId}/regenerate`, { graceSeconds: 3600 });
    expect(regeneration.status, regeneration.text).toBe(200);
    const foreign = foreignToken('sk_live');
    const imported = await admin.post('/v1/keys/import', { projectId, keys: [{ hash: { algorithm: 'sha256', encoding: 'hex', value: foreign.hex } }] });
    expect(imported.status, imported.text).toBe(201);
    if (sqlite) {
      expect(await ready()).toBe(false);
      // Those the scan will not read: only the triggers can have added them.
      const lastRead = beforeRestart.map((key) => hashToken(SECRET, key.token)).sort().at(-1)!;
      expect([alone, ...batched].filter((key) => hashToken(SECRET, key.token) < lastRead).length).toBeGreaterThan(0);
    }

    scan.open();
    if (sqlite) {
      await untilHashFilterReady(anonymous());
      expect(server.logs.filter((line) => line.includes('filter of key hashes filled'))).toHaveLength(1);
    }

    // Each token verified for the first time now: none of them is in the key cache.
    const expected: [string, string][] = [
      ...beforeRestart.map((key): [string, string] => [key.token, key.keyId]),
      [alone.token, alone.keyId],
      ...batched.map((key): [string, string] => [key.token, key.keyId]),
      [regenerated.token, regenerated.keyId],
      [regeneration.body.token, regenerated.keyId],
      [foreign.token, imported.body.keys[0].id],
    ];
    for (const [token, keyId] of expected) expect(await verify(token), token.slice(0, 8)).toMatchObject({ code: 'VALID', keyId });
    // The imported key's hash is now our keyed hash, written by an UPDATE: found without the cache too.
    server.app.services.cache.clear();
    expect(await verify(foreign.token)).toMatchObject({ code: 'VALID', keyId: imported.body.keys[0].id });

    const created = await create();
    expect(await verify(created.token), 'a key created after the scan').toMatchObject({ code: 'VALID', keyId: created.keyId });
  });

  it('a flood of distinct made-up tokens costs SQLite no statement, and PostgreSQL one look-up each', async () => {
    if (server.store === 'sqlite') await untilHashFilterReady(anonymous());
    const keys = server.app.services.store.keys;
    const findVerifiable = keys.findVerifiable.bind(keys);
    let lookups = 0;
    keys.findVerifiable = (hash) => {
      lookups++;
      return findVerifiable(hash);
    };
    try {
      // What the earlier tests' verifications left to write behind is written now, not during the flood.
      const { usage, analytics, verifications } = server.app.services;
      await Promise.all([usage.flush(), analytics.flush(), verifications.flush()]);
      const statements = server.app.store.statements.total;
      const flood = 200;
      for (let i = 0; i < flood; i++) expect((await verify(generateToken('hf'))).code).toBe('NOT_FOUND');
      // SQLite's filter turns each away before a look-up; PostgreSQL looks each up once.
      expect(lookups).toBe(server.store === 'sqlite' ? 0 : flood);
      if (server.store === 'sqlite') {
        expect(server.app.store.statements.total - statements).toBe(0);
        expect((await anonymous().get('/metrics')).text).toMatch(/^keyward_key_hash_filter_lookups_total\{result="absent"\} ([2-9]\d\d|\d{4,})$/m);
      } else {
        expect(server.app.store.statements.total - statements).toBeGreaterThanOrEqual(flood);
        expect((await anonymous().get('/metrics')).text).not.toContain('keyward_key_hash_filter');
      }
    } finally {
      keys.findVerifiable = findVerifiable;
    }
  });

  it("a deleted key's token is NOT_FOUND, though the filter may still hold its hash", async () => {
    const { token, keyId } = await create();
    expect((await admin.delete(`/v1/keys/${keyId}`)).status).toBe(204);
    expect((await verify(token)).code).toBe('NOT_FOUND');
  });
});
