import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, signIn, type ApiClient } from '../support/api-client.ts';
import { startKeywardProcess, type KeywardProcess } from '../support/keyward-process.ts';
import { uniqueName } from '../support/people.ts';
import { createPostgresDatabase } from '../support/test-database.ts';
import { ADMIN, TEST_SECRET, type TestServer } from '../support/test-server.ts';

/**
 * Issue #18's exactness: an identity's limits and quota are shared by its keys across three
 * nodes (real processes on PostgreSQL and Redis), however the calls are spread and interleaved.
 */
describe('an identity\'s limits on three nodes sharing Redis', () => {
  let nodes: KeywardProcess[] = [];
  let drop: () => Promise<void>;
  let admin: ApiClient;
  let projectId: string;

  beforeAll(async () => {
    const database = await createPostgresDatabase();
    drop = database.drop;
    const env = {
      DATABASE_URL: database.url,
      KEYWARD_SECRET: TEST_SECRET,
      KEYWARD_ADMIN_USERNAME: ADMIN.username,
      KEYWARD_ADMIN_PASSWORD: ADMIN.password,
      REDIS_URL: 'redis://127.0.0.1:6379',
      KEYWARD_REDIS_PREFIX: `keyward-test-${randomBytes(4).toString('hex')}:`,
    };
    // The first node migrates and makes the admin; the others start on a ready database.
    nodes = [await startKeywardProcess(env)];
    nodes.push(...(await Promise.all([1, 2].map(() => startKeywardProcess(env)))));
    admin = (await signIn({ url: nodes[0]!.url } as TestServer)).client;
    projectId = (await admin.post('/v1/projects', { name: 'Shared', keyPrefix: 'sh' })).body.id;
  });

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await drop?.();
  });

  /** An identity and `count` keys pointing at it, made on node 1. */
  async function identityWithKeys(body: Record<string, unknown>, count: number) {
    const identity = await admin.post('/v1/identities', { externalId: uniqueName('shared'), ...body });
    expect(identity.status, identity.text).toBe(201);
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      const key = await admin.post('/v1/keys', { projectId, identityId: identity.body.id });
      expect(key.status, key.text).toBe(201);
      tokens.push(key.body.token);
    }
    return { id: identity.body.id as string, tokens };
  }

  /** `count` verifications at once, call i with token i mod tokens on node i mod 3; their codes counted. */
  async function concurrently(tokens: string[], count: number, extra: Record<string, unknown> = {}) {
    const answers = await Promise.all(Array.from({ length: count }, (_, i) =>
      apiClient(nodes[i % 3]!.url).post('/v1/keys/verify', { key: tokens[i % tokens.length], ...extra })));
    const tally: Record<string, number> = {};
    for (const answer of answers) {
      expect(answer.status, answer.text).toBe(200);
      tally[answer.body.code] = (tally[answer.body.code] ?? 0) + 1;
    }
    return tally;
  }

  it('a limit of 100 per minute gives exactly 100 VALID of 600 concurrent calls over five keys and three nodes', async () => {
    const { tokens } = await identityWithKeys({ ratelimits: [{ name: 'requests', limit: 100, durationMs: 60_000 }] }, 5);
    expect(await concurrently(tokens, 600)).toEqual({ VALID: 100, RATE_LIMITED: 500 });
  });

  it('a named limit with a cost is shared the same way: 1,000 tokens at 10 a call is exactly 100 calls', async () => {
    const { tokens } = await identityWithKeys({ ratelimits: [{ name: 'tokens', limit: 1000, durationMs: 3_600_000, autoApply: false }] }, 5);
    expect(await concurrently(tokens, 300, { ratelimits: [{ name: 'tokens', cost: 10 }] })).toEqual({ VALID: 100, RATE_LIMITED: 200 });
  });

  it('a quota of 100 gives exactly 100 VALID of 600 concurrent calls, is written behind, and an edit on another node holds at once', async () => {
    const { id, tokens } = await identityWithKeys({ remaining: 100 }, 5);
    expect(await concurrently(tokens, 600)).toEqual({ VALID: 100, USAGE_EXCEEDED: 500 });
    let stored = -1;
    for (let i = 0; i < 60 && stored !== 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stored = (await admin.get(`/v1/identities/${id}`)).body.remaining;
    }
    expect(stored).toBe(0);
    const editor = (await signIn({ url: nodes[2]!.url } as TestServer)).client;
    expect((await editor.patch(`/v1/identities/${id}`, { remaining: 7 })).status).toBe(200);
    expect(await concurrently(tokens, 30)).toEqual({ VALID: 7, USAGE_EXCEEDED: 23 });
  });

  it('a key whose own quota is spent does not use up the limit its identity shares with its other keys', async () => {
    const { id, tokens } = await identityWithKeys({ ratelimits: [{ name: 'requests', limit: 20, durationMs: 60_000 }] }, 1);
    const capped = (await admin.post('/v1/keys', { projectId, identityId: id, remaining: 5 })).body.token;
    // One after the other: a refused call holds its share of the window until it gives it back,
    // which calls running at the same moment may see (the safe side: they are refused).
    const codes = [];
    for (let i = 0; i < 30; i++) codes.push((await apiClient(nodes[i % 3]!.url).post('/v1/keys/verify', { key: capped })).body.code);
    expect(codes).toEqual([...Array(5).fill('VALID'), ...Array(25).fill('USAGE_EXCEEDED')]);
    expect(await concurrently(tokens, 60)).toEqual({ VALID: 15, RATE_LIMITED: 45 });
  });

  it('logged no error on any node', () => {
    for (const node of nodes) expect(node.output()).not.toMatch(/"level":(50|60)/);
  });
});
