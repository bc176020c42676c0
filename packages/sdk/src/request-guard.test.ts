import { describe, expect, it } from 'vitest';
import type { KeywardClient } from './client.ts';
import { createRequestGuard, credentialOf } from './request-guard.ts';
import type { VerifyResult } from './types.ts';

/** A client whose verify() answers `result` and records what it was asked. */
function answering(result: VerifyResult) {
  const asked: unknown[] = [];
  const client = { verify: async (key: string, request: object) => (asked.push({ key, ...request }), result) } as unknown as KeywardClient;
  return { client, asked };
}

describe('credentialOf', () => {
  it('reads Authorization: Bearer (any case), else X-API-Key', () => {
    expect(credentialOf({ authorization: 'Bearer tk_a' })).toBe('tk_a');
    expect(credentialOf({ authorization: 'bearer  tk_a ' })).toBe('tk_a');
    expect(credentialOf({ authorization: 'Bearer tk_a', apiKey: 'tk_b' })).toBe('tk_a');
    expect(credentialOf({ apiKey: ' tk_b ' })).toBe('tk_b');
    expect(credentialOf({ authorization: 'Basic dXNlcjpwdw==', apiKey: 'tk_b' })).toBe('tk_b');
  });

  it('finds nothing in an empty, malformed or other-scheme header', () => {
    for (const authorization of ['', 'Bearer', 'Bearer ', 'Bearer a b', 'Basic dXNlcjpwdw==', 'tk_a']) {
      expect(credentialOf({ authorization }), authorization).toBeUndefined();
    }
    expect(credentialOf({ apiKey: '  ' })).toBeUndefined();
  });
});

describe('createRequestGuard', () => {
  it('maps each verification code to the status a caller should see', async () => {
    const expected = { NOT_FOUND: 401, DISABLED: 401, EXPIRED: 401, IP_NOT_ALLOWED: 403, INSUFFICIENT_PERMISSIONS: 403, RATE_LIMITED: 429, USAGE_EXCEEDED: 429 } as const;
    for (const [code, status] of Object.entries(expected)) {
      const guard = createRequestGuard({ keyward: answering({ valid: false, code: code as VerifyResult['code'] }).client });
      const outcome = await guard({ apiKey: 'tk_a' });
      expect(outcome.ok ? 200 : outcome.status, code).toBe(status);
    }
  });

  it("says when to retry a rate-limited key, from its window's reset time", async () => {
    const resetAt = new Date(Date.now() + 42_500).toISOString();
    const limited = answering({ valid: false, code: 'RATE_LIMITED', ratelimit: { limit: 10, remaining: 0, resetAt } });
    const outcome = await createRequestGuard({ keyward: limited.client })({ apiKey: 'tk_a' });
    expect(outcome).toMatchObject({ ok: false, status: 429, headers: { 'retry-after': expect.stringMatching(/^4[23]$/) } });
    const quota = await createRequestGuard({ keyward: answering({ valid: false, code: 'USAGE_EXCEEDED' }).client })({ apiKey: 'tk_a' });
    expect(quota).toMatchObject({ ok: false, status: 429, headers: { 'retry-after': '1' } });
  });

  it('waits for the latest reset of the named limits that were exceeded, and names them', async () => {
    const at = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
    const limited = answering({
      valid: false,
      code: 'RATE_LIMITED',
      ratelimits: [
        { name: 'default', limit: 100, remaining: 50, resetAt: at(500), exceeded: false },
        { name: 'tokens', limit: 10, remaining: 0, resetAt: at(30.5), exceeded: true },
        { name: 'burst', limit: 5, remaining: 0, resetAt: at(8.5), exceeded: true },
      ],
    });
    const outcome = await createRequestGuard({ keyward: limited.client })({ apiKey: 'tk_a' });
    // Not the limit that was not exceeded (500 s), nor the first to free up (9 s).
    expect(outcome).toMatchObject({ ok: false, status: 429, headers: { 'retry-after': expect.stringMatching(/^3[01]$/) } });
    expect(outcome.ok ? '' : outcome.problem.detail).toBe('The API key is over its limit: RATE_LIMITED (tokens, burst).');
  });

  it('sends the named limits of the request, else those of the options', async () => {
    const { client, asked } = answering({ valid: true, code: 'VALID' });
    const guard = createRequestGuard({ keyward: client, ratelimits: [{ name: 'requests' }] });
    await guard({ apiKey: 'tk_a' });
    await guard({ apiKey: 'tk_a', ratelimits: [{ name: 'tokens', cost: 7 }] });
    await guard({ apiKey: 'tk_a', ratelimits: [] });
    expect(asked).toEqual([{ key: 'tk_a', ratelimits: [{ name: 'requests' }] }, { key: 'tk_a', ratelimits: [{ name: 'tokens', cost: 7 }] }, { key: 'tk_a' }]);
  });

  it('asks with the project, permissions and address it was given, and answers the key with its identity and limits', async () => {
    const identity = { id: 'idt_1', externalId: 'acme', meta: { tier: 'gold' } };
    const ratelimits = [{ name: 'tokens', limit: 10, remaining: 9, resetAt: '2030-01-01T00:00:00.000Z', exceeded: false }];
    const { client, asked } = answering({ valid: true, code: 'VALID', keyId: 'key_1', projectId: 'prj_1', ownerId: 'usr_1', permissions: ['a'], expiresAt: null, meta: { plan: 'pro' }, identity, ratelimits });
    const guard = createRequestGuard({ keyward: client, projectId: 'prj_1', permissions: ['a'] });
    const outcome = await guard({ authorization: 'Bearer tk_a', ip: '203.0.113.9' });
    expect(asked).toEqual([{ key: 'tk_a', projectId: 'prj_1', permissions: ['a'], ip: '203.0.113.9' }]);
    expect(outcome).toEqual({ ok: true, key: { keyId: 'key_1', projectId: 'prj_1', ownerId: 'usr_1', permissions: ['a'], expiresAt: null, meta: { plan: 'pro' }, identity, ratelimits } });
  });

  it('refuses an absent or absurdly long key without asking Keyward', async () => {
    const { client, asked } = answering({ valid: true, code: 'VALID' });
    const guard = createRequestGuard({ keyward: client });
    expect(await guard({})).toMatchObject({ ok: false, status: 401 });
    expect(await guard({ apiKey: 'x'.repeat(513) })).toMatchObject({ ok: false, status: 401 });
    expect(asked).toEqual([]);
  });
});
