import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../../../test/support/api-client.ts';
import { namedLimit as limit } from '../../../test/support/named-limits.ts';
import { ISO_UTC } from '../../../test/support/problems.ts';
import { createIdentity, createProjectKey, verifyToken } from '../../../test/support/verify-calls.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

type Answer = { valid: boolean; code: string; remaining?: number; ratelimit?: any; ratelimits?: any[]; identity?: any };

describe('POST /v1/keys/verify: named limits of keys and identities', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anonymous: ApiClient;
  let projectId: string;
  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    anonymous = apiClient(server.url);
    projectId = (await admin.post('/v1/projects', { name: 'Limited', keyPrefix: 'lm' })).body.id;
  });

  const identity = (body?: Record<string, unknown>) => createIdentity(admin, body);
  const key = (body?: Record<string, unknown>) => createProjectKey(admin, projectId, body);
  const verify = (token: string, extra?: Record<string, unknown>) => verifyToken<Answer>(anonymous, token, extra);

  /** name → remaining, and the names exceeded, of an answer's ratelimits. */
  const remainingOf = (answer: Answer) => Object.fromEntries((answer.ratelimits ?? []).map((entry) => [entry.name, entry.remaining]));
  const exceededOf = (answer: Answer) => (answer.ratelimits ?? []).filter((entry) => entry.exceeded).map((entry) => entry.name);

  it('applies every autoApply limit of the key and of its identity, the key\'s listed first', async () => {
    const customer = await identity({ ratelimits: [limit('shared', { limit: 5 })] });
    const { token } = await key({ identityId: customer.id, ratelimits: [limit('requests', { limit: 3 })] });
    const first = await verify(token);
    expect(first).toMatchObject({ valid: true, code: 'VALID' });
    expect(first.ratelimits).toEqual([
      { name: 'requests', limit: 3, remaining: 2, resetAt: expect.stringMatching(ISO_UTC), exceeded: false },
      { name: 'shared', limit: 5, remaining: 4, resetAt: expect.stringMatching(ISO_UTC), exceeded: false },
    ]);
    // resetAt: when the first use leaves the window (within the window and one slot of it).
    const resetAt = Date.parse(first.ratelimits![0].resetAt);
    expect(resetAt).toBeGreaterThan(server.now());
    expect(resetAt).toBeLessThanOrEqual(server.now() + 60_000 + 1000);
    await verify(token);
    expect(remainingOf(await verify(token))).toEqual({ requests: 0, shared: 2 });
    const refused = await verify(token);
    expect(refused).toMatchObject({ valid: false, code: 'RATE_LIMITED' });
    expect(exceededOf(refused)).toEqual(['requests']);
    expect(remainingOf(refused)).toEqual({ requests: 0, shared: 2 });
  });

  it('a limit that is not autoApply applies only when named, spending its cost (1 unless told)', async () => {
    const { token } = await key({ ratelimits: [limit('tokens', { limit: 100, autoApply: false })] });
    const plain = await verify(token);
    expect(plain.code).toBe('VALID');
    // No limit applied: no ratelimits in the answer.
    expect(plain).not.toHaveProperty('ratelimits');
    expect(remainingOf(await verify(token, { ratelimits: [{ name: 'tokens' }] }))).toEqual({ tokens: 99 });
    expect(remainingOf(await verify(token, { ratelimits: [{ name: 'tokens', cost: 40 }] }))).toEqual({ tokens: 59 });
    expect(remainingOf(await verify(token, { ratelimits: [{ name: 'tokens', cost: 59 }] }))).toEqual({ tokens: 0 });
    const over = await verify(token, { ratelimits: [{ name: 'tokens', cost: 1 }] });
    expect(over.code).toBe('RATE_LIMITED');
    expect(over.ratelimits).toEqual([expect.objectContaining({ name: 'tokens', remaining: 0, exceeded: true })]);
    // Cost 0 spends nothing but still needs something left.
    expect((await verify(token, { ratelimits: [{ name: 'tokens', cost: 0 }] })).code).toBe('RATE_LIMITED');
    // A name that neither the key nor an identity has applies nothing.
    expect(await verify(token, { ratelimits: [{ name: 'unknown-limit', cost: 1000 }] })).toMatchObject({ code: 'VALID' });
    expect((await verify(token, { ratelimits: [{ name: 'unknown-limit', cost: 1000 }] })).ratelimits).toBeUndefined();
  });

  it('a cost above the whole limit is refused and spends nothing', async () => {
    const { token } = await key({ ratelimits: [limit('tokens', { limit: 10, autoApply: false })] });
    expect((await verify(token, { ratelimits: [{ name: 'tokens', cost: 11 }] })).code).toBe('RATE_LIMITED');
    expect(remainingOf(await verify(token, { ratelimits: [{ name: 'tokens', cost: 10 }] }))).toEqual({ tokens: 0 });
  });

  it('a named limit the key lacks is its identity\'s, shared by all the identity\'s keys', async () => {
    const customer = await identity({ ratelimits: [limit('tokens', { limit: 10, autoApply: false })] });
    const first = await key({ identityId: customer.id });
    const second = await key({ externalId: customer.externalId });
    expect(remainingOf(await verify(first.token, { ratelimits: [{ name: 'tokens', cost: 6 }] }))).toEqual({ tokens: 4 });
    const refused = await verify(second.token, { ratelimits: [{ name: 'tokens', cost: 5 }] });
    expect(refused.code).toBe('RATE_LIMITED');
    expect(exceededOf(refused)).toEqual(['tokens']);
    expect(remainingOf(await verify(second.token, { ratelimits: [{ name: 'tokens', cost: 4 }] }))).toEqual({ tokens: 0 });
    expect((await verify(first.token, { ratelimits: [{ name: 'tokens' }] })).code).toBe('RATE_LIMITED');
    // Unnamed, the identity's limit does not apply.
    expect((await verify(first.token)).code).toBe('VALID');

    // A key with its own limit of that name spends its own, never the identity's.
    const own = await key({ identityId: customer.id, ratelimits: [limit('tokens', { limit: 100, autoApply: false })] });
    const answer = await verify(own.token, { ratelimits: [{ name: 'tokens', cost: 30 }] });
    expect(answer.code).toBe('VALID');
    expect(answer.ratelimits).toEqual([expect.objectContaining({ name: 'tokens', limit: 100, remaining: 70 })]);
  });

  it('an identity\'s autoApply limit is shared by its keys: the keys together get limit calls', async () => {
    const customer = await identity({ ratelimits: [limit('requests', { limit: 4 })] });
    const tokens = [(await key({ identityId: customer.id })).token, (await key({ identityId: customer.id })).token];
    const codes = [];
    for (let i = 0; i < 8; i++) codes.push((await verify(tokens[i % 2]!)).code);
    expect(codes).toEqual(['VALID', 'VALID', 'VALID', 'VALID', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    // Another identity's keys are not touched.
    const other = await identity({ ratelimits: [limit('requests', { limit: 4 })] });
    expect((await verify((await key({ identityId: other.id })).token)).code).toBe('VALID');
  });

  it('the single ratelimit is the limit named default: old clients see ratelimit in the answer, as before', async () => {
    const { token } = await key({ ratelimit: { limit: 2, windowMs: 60_000 } });
    const first = await verify(token);
    expect(first).toMatchObject({ code: 'VALID', ratelimit: { limit: 2, remaining: 1, resetAt: expect.stringMatching(ISO_UTC) } });
    expect(first.ratelimits).toEqual([expect.objectContaining({ name: 'default', limit: 2, remaining: 1, exceeded: false })]);
    expect((await verify(token)).ratelimit).toMatchObject({ remaining: 0 });
    expect(await verify(token)).toMatchObject({ valid: false, code: 'RATE_LIMITED', ratelimit: { limit: 2, remaining: 0 } });
    // Beside other named limits, ratelimit is still the default one.
    const mixed = await key({ ratelimits: [limit('burst', { limit: 50, durationMs: 1000 }), limit('default', { limit: 9 })] });
    expect((await verify(mixed.token)).ratelimit).toMatchObject({ limit: 9, remaining: 8 });
    // An identity's limit named default is not the key's single ratelimit.
    const customer = await identity({ ratelimits: [limit('default', { limit: 3 })] });
    const shared = await verify((await key({ identityId: customer.id })).token);
    expect(shared).not.toHaveProperty('ratelimit');
    expect(remainingOf(shared)).toEqual({ default: 2 });
  });

  it('all or nothing: a call refused by one limit spends no other limit, and no quota', async () => {
    const customer = await identity({ ratelimits: [limit('tokens', { limit: 10, autoApply: false }), limit('shared', { limit: 100 })], remaining: 50 });
    const { token } = await key({ identityId: customer.id, ratelimits: [limit('requests', { limit: 100 })], remaining: 20 });
    const first = await verify(token, { ratelimits: [{ name: 'tokens', cost: 8 }] });
    expect(remainingOf(first)).toEqual({ requests: 99, tokens: 2, shared: 99 });
    expect(first.remaining).toBe(19);
    for (let i = 0; i < 3; i++) {
      const refused = await verify(token, { ratelimits: [{ name: 'tokens', cost: 8 }] });
      expect(refused.code).toBe('RATE_LIMITED');
      expect(exceededOf(refused)).toEqual(['tokens']);
      expect(remainingOf(refused)).toEqual({ requests: 99, tokens: 2, shared: 99 });
    }
    const next = await verify(token, { ratelimits: [{ name: 'tokens', cost: 2 }] });
    expect(remainingOf(next)).toEqual({ requests: 98, tokens: 0, shared: 98 });
    // Neither quota paid for the refused calls.
    expect(next.remaining).toBe(18);
    await server.app.services.limits.flush();
    expect((await admin.get(`/v1/identities/${customer.id}`)).body.remaining).toBe(48);
  });

  it('all or nothing: a call refused by a quota spends no rate limit', async () => {
    const customer = await identity({ ratelimits: [limit('shared', { limit: 10 })] });
    const spent = await key({ identityId: customer.id, ratelimits: [limit('requests', { limit: 10 })], remaining: 1 });
    const fresh = await key({ identityId: customer.id });
    expect((await verify(spent.token)).code).toBe('VALID');
    for (let i = 0; i < 5; i++) expect((await verify(spent.token)).code).toBe('USAGE_EXCEEDED');
    // The identity's shared window counted only the one VALID call of the spent key.
    expect(remainingOf(await verify(fresh.token))).toEqual({ shared: 8 });
    await admin.patch(`/v1/keys/${spent.key.id}`, { remaining: 5 });
    expect(remainingOf(await verify(spent.token))).toEqual({ requests: 8, shared: 7 });
  });

  it('an identity\'s quota is shared by its keys: USAGE_EXCEEDED for all of them once spent', async () => {
    const customer = await identity({ remaining: 5 });
    const first = await key({ identityId: customer.id });
    const second = await key({ identityId: customer.id });
    expect(await verify(first.token)).toMatchObject({ code: 'VALID', remaining: 4 });
    expect(await verify(second.token, { cost: 3 })).toMatchObject({ code: 'VALID', remaining: 1 });
    expect(await verify(first.token, { cost: 2 })).toMatchObject({ valid: false, code: 'USAGE_EXCEEDED' });
    expect(await verify(first.token)).toMatchObject({ code: 'VALID', remaining: 0 });
    for (const { token } of [first, second]) {
      expect(await verify(token)).toMatchObject({ valid: false, code: 'USAGE_EXCEEDED' });
      expect((await verify(token, { cost: 0 })).code).toBe('USAGE_EXCEEDED');
    }
    // Written behind to the identity.
    await server.app.services.limits.flush();
    expect((await admin.get(`/v1/identities/${customer.id}`)).body.remaining).toBe(0);
  });

  it('the identity\'s quota is given back when the key\'s own quota refuses the call', async () => {
    const customer = await identity({ remaining: 10 });
    const capped = await key({ identityId: customer.id, remaining: 1 });
    const other = await key({ identityId: customer.id });
    // The key's own quota is what the answer shows when it has one.
    expect(await verify(capped.token)).toMatchObject({ code: 'VALID', remaining: 0 });
    for (let i = 0; i < 4; i++) expect(await verify(capped.token, { cost: 2 })).toMatchObject({ code: 'USAGE_EXCEEDED', remaining: 0 });
    // 10, less the one VALID call: the refused ones were given back.
    expect(await verify(other.token)).toMatchObject({ code: 'VALID', remaining: 8 });
    await server.app.services.limits.flush();
    expect((await admin.get(`/v1/identities/${customer.id}`)).body.remaining).toBe(8);
  });

  it('concurrent calls over an identity\'s keys spend its shared limit and quota exactly', async () => {
    const limited = await identity({ ratelimits: [limit('requests', { limit: 25 })] });
    const quota = await identity({ remaining: 25 });
    for (const [customer, refusal] of [[limited, 'RATE_LIMITED'], [quota, 'USAGE_EXCEEDED']] as const) {
      const tokens = [(await key({ identityId: customer.id })).token, (await key({ identityId: customer.id })).token, (await key({ identityId: customer.id, remaining: 100 })).token];
      const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => verify(tokens[i % 3]!)));
      const codes = answers.map((answer) => answer.code);
      expect(codes.filter((code) => code === 'VALID'), refusal).toHaveLength(25);
      expect(codes.filter((code) => code === refusal), refusal).toHaveLength(35);
    }
  });
});
