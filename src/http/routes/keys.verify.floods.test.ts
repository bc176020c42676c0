import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, type ApiClient } from '../../../test/support/api-client.ts';
import { untilHashFilterReady } from '../../../test/support/hash-filter.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { generateToken } from '../../domain/token.ts';

// A small cache, so a flood larger than it is quick to send.
const CACHE_SIZE = 50;

describe('POST /v1/keys/verify under floods: the database is asked at most once per token, the cache stays bounded', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anonymous: ApiClient;
  let lookups: string[];

  withServerAndAdmin((started) => ({ server, admin } = started), { env: { KEYWARD_KEY_CACHE_SIZE: String(CACHE_SIZE) } });
  // On SQLite the filter of stored hashes answers for a token no key has, with no look-up and
  // nothing remembered (src/store/key-hash-filter.ts); PostgreSQL has none, so it looks each up once.
  const filtered = () => server.store === 'sqlite';
  beforeAll(async () => {
    anonymous = apiClient(server.url);
    if (filtered()) await untilHashFilterReady(anonymous);
    // Counts the store's token look-ups by passing each one on to the real repository.
    const keys = server.app.services.store.keys;
    const findVerifiable = keys.findVerifiable.bind(keys);
    keys.findVerifiable = (hash) => {
      lookups.push(hash);
      return findVerifiable(hash);
    };
  });
  beforeEach(() => {
    lookups = [];
  });

  const verify = async (token: string) => {
    const response = await anonymous.post('/v1/keys/verify', { key: token });
    expect(response.status, response.text).toBe(200);
    return response.body as { valid: boolean; code: string };
  };
  const metric = async (name: string) => {
    const text = (await anonymous.get('/metrics')).text;
    return Object.fromEntries([...text.matchAll(new RegExp(`^${name}\\{kind="(\\w+)"\\} (\\d+)$`, 'gm'))].map((match) => [match[1], Number(match[2])]));
  };

  it('an unknown token of the right shape and checksum is looked up at most once (SQLite: never), however often and however many at once it is sent', async () => {
    const unknown = generateToken('zz');
    const answers = await Promise.all(Array.from({ length: 20 }, () => verify(unknown)));
    for (let i = 0; i < 30; i++) answers.push(await verify(unknown));
    expect(answers.every((answer) => answer.code === 'NOT_FOUND')).toBe(true);
    expect(lookups).toHaveLength(filtered() ? 0 : 1);
  });

  it('tokens with a wrong checksum, length or shape are never looked up', async () => {
    const token = generateToken('fb');
    const wrongChecksum = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const bad of [wrongChecksum, token.slice(0, -2), `${token}xx`, 'fb_short', token.replace('_', '-'), 'x'.repeat(64)]) {
      for (let i = 0; i < 5; i++) expect((await verify(bad)).valid).toBe(false);
    }
    expect(lookups).toEqual([]);
  });

  it("a deleted key's token is looked up once after the deletion, then answered from memory", async () => {
    const { token, keyId } = await createKeyWith(admin);
    expect((await verify(token)).code).toBe('VALID');
    expect((await admin.delete(`/v1/keys/${keyId}`)).status).toBe(204);
    lookups = [];
    for (let i = 0; i < 20; i++) expect((await verify(token)).code).toBe('NOT_FOUND');
    expect(lookups).toHaveLength(1);
  });

  it('a flood of distinct unknown tokens, larger than the cache, leaves the keys in use cached and the cache within its bounds', async () => {
    const { token } = await createKeyWith(admin);
    expect((await verify(token)).code).toBe('VALID');
    lookups = [];
    const unknownBefore = (await metric('keyward_key_cache_entries')).unknown;
    for (let i = 0; i < CACHE_SIZE * 4; i++) expect((await verify(generateToken('fb'))).code).toBe('NOT_FOUND');
    expect(lookups).toHaveLength(filtered() ? 0 : CACHE_SIZE * 4);
    lookups = [];
    expect((await verify(token)).code).toBe('VALID');
    expect(lookups, 'the valid key was still cached').toEqual([]);
    expect(await metric('keyward_key_cache_max_entries')).toEqual({ key: CACHE_SIZE, unknown: CACHE_SIZE });
    const entries = await metric('keyward_key_cache_entries');
    // Remembered only where each was looked up: a token the filter turned away is not.
    expect(entries.unknown).toBe(filtered() ? unknownBefore : CACHE_SIZE);
    expect(entries.key).toBeGreaterThanOrEqual(1);
  });

  it('the known keys stay within the bound too: the least recently used go', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < CACHE_SIZE + 10; i++) tokens.push((await createKeyWith(admin)).token);
    for (const token of tokens) expect((await verify(token)).code).toBe('VALID');
    expect((await metric('keyward_key_cache_entries')).key).toBe(CACHE_SIZE);
    lookups = [];
    await verify(tokens.at(-1)!);
    expect(lookups).toEqual([]);
    await verify(tokens[0]!);
    expect(lookups).toHaveLength(1);
  });
});
