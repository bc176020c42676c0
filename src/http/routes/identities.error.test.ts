import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/ids.ts';
import { type ApiClient } from '../../../test/support/api-client.ts';
import { snapshotDatabase } from '../../../test/support/db-snapshot.ts';
import { BAD_LIMITS, namedLimit as limit, OVERSIZED_META } from '../../../test/support/named-limits.ts';
import { uniqueName } from '../../../test/support/people.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

describe('identities: refusals', () => {
  let server: TestServer;
  let admin: ApiClient;
  let existing: { id: string; externalId: string };
  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    existing = (await admin.post('/v1/identities', { externalId: uniqueName('taken') })).body;
  });

  /** Asserts the problem, and that the refused request changed nothing. */
  async function refused(send: () => Promise<any>, status: number, code: string, path?: string) {
    const before = await snapshotDatabase(server);
    const response = await send();
    expectProblem(response, status, code, path);
    expect(await snapshotDatabase(server)).toEqual(before);
    return response;
  }

  it('409 CONFLICT for an externalId already taken, on create and on edit', async () => {
    await refused(() => admin.post('/v1/identities', { externalId: existing.externalId }), 409, 'CONFLICT');
    const other = (await admin.post('/v1/identities', { externalId: uniqueName('other') })).body;
    const conflict = await refused(() => admin.patch(`/v1/identities/${other.id}`, { externalId: existing.externalId }), 409, 'CONFLICT');
    expect(conflict.body.detail).toContain(existing.externalId);
  });

  it('externalIds differing only in case are different customers', async () => {
    const upper = (await admin.post('/v1/identities', { externalId: existing.externalId.toUpperCase() }));
    expect(upper.status, upper.text).toBe(201);
  });

  it('409 CONFLICT for deleting an identity that keys point at, without force; the identity and keys stay', async () => {
    const identity = (await admin.post('/v1/identities', { externalId: uniqueName('busy') })).body;
    const projectId = (await admin.post('/v1/projects', { name: uniqueName('Busy') })).body.id;
    const key = (await admin.post('/v1/keys', { projectId, identityId: identity.id })).body.key;
    for (const query of ['', '?force=false']) {
      const response = await refused(() => admin.delete(`/v1/identities/${identity.id}${query}`), 409, 'CONFLICT');
      expect(response.body.detail).toMatch(/force=true/);
    }
    expect((await admin.get(`/v1/keys/${key.id}`)).body.identity).toEqual({ id: identity.id, externalId: identity.externalId });
    expect((await admin.get(`/v1/identities/${identity.id}`)).body.keyCount).toBe(1);
  });

  it('404 NOT_FOUND for an identity that does not exist (or no longer does), on GET, PATCH and DELETE', async () => {
    const gone = (await admin.post('/v1/identities', { externalId: uniqueName('gone') })).body;
    await admin.delete(`/v1/identities/${gone.id}`);
    for (const id of [gone.id, newId('idt')]) {
      expectProblem(await admin.get(`/v1/identities/${id}`), 404, 'NOT_FOUND');
      await refused(() => admin.patch(`/v1/identities/${id}`, { meta: { a: 1 } }), 404, 'NOT_FOUND');
      await refused(() => admin.delete(`/v1/identities/${id}`), 404, 'NOT_FOUND');
      await refused(() => admin.delete(`/v1/identities/${id}?force=true`), 404, 'NOT_FOUND');
    }
  });

  it.each(BAD_LIMITS)('400 for ratelimits with %s, on create and on edit', async (_label, ratelimits, path) => {
    await refused(() => admin.post('/v1/identities', { externalId: uniqueName('limited'), ratelimits }), 400, 'VALIDATION_FAILED', path);
    await refused(() => admin.patch(`/v1/identities/${existing.id}`, { ratelimits }), 400, 'VALIDATION_FAILED', path);
  });

  it('takes ten limits, and limits at the bounds of their fields', async () => {
    const ratelimits = Array.from({ length: 10 }, (_, i) => limit(`l-${i}_${'x'.repeat(26)}`, { limit: i === 0 ? 1 : 1_000_000_000, durationMs: i % 2 ? 1000 : 31 * 24 * 3600 * 1000 }));
    const created = await admin.post('/v1/identities', { externalId: uniqueName('bounds'), ratelimits });
    expect(created.status, created.text).toBe(201);
    expect(created.body.ratelimits).toEqual(ratelimits);
  });

  it('400 for meta over 4 KiB (on create and edit); 4 KiB itself is taken', async () => {
    await refused(() => admin.post('/v1/identities', { externalId: uniqueName('meta'), meta: OVERSIZED_META }), 400, 'VALIDATION_FAILED', '/meta');
    await refused(() => admin.patch(`/v1/identities/${existing.id}`, { meta: OVERSIZED_META }), 400, 'VALIDATION_FAILED', '/meta');
    // {"blob":"…"} is 11 bytes around the text.
    const fits = { blob: 'x'.repeat(4096 - 11) };
    expect((await admin.patch(`/v1/identities/${existing.id}`, { meta: fits })).status).toBe(200);
    await refused(() => admin.patch(`/v1/identities/${existing.id}`, { meta: [1, 2] }), 400, 'VALIDATION_FAILED', '/meta');
  });

  it('400 for a bad externalId: missing, empty, over 255 characters, not text, null on edit', async () => {
    await refused(() => admin.post('/v1/identities', { meta: {} }), 400, 'VALIDATION_FAILED', '/externalId');
    await refused(() => admin.post('/v1/identities', { externalId: '' }), 400, 'VALIDATION_FAILED', '/externalId');
    await refused(() => admin.post('/v1/identities', { externalId: 'x'.repeat(256) }), 400, 'VALIDATION_FAILED', '/externalId');
    await refused(() => admin.post('/v1/identities', { externalId: 42 }), 400, 'VALIDATION_FAILED', '/externalId');
    await refused(() => admin.post('/v1/identities', { externalId: 'a\u0000b' }), 400, 'VALIDATION_FAILED', '/externalId');
    await refused(() => admin.patch(`/v1/identities/${existing.id}`, { externalId: null }), 400, 'VALIDATION_FAILED', '/externalId');
    await refused(() => admin.patch(`/v1/identities/${existing.id}`, { externalId: '' }), 400, 'VALIDATION_FAILED', '/externalId');
    expect((await admin.post('/v1/identities', { externalId: 'x'.repeat(255) })).status).toBe(201);
  });

  it('400 for a bad quota: negative or fractional remaining, a refill without remaining, an unknown interval', async () => {
    await refused(() => admin.post('/v1/identities', { externalId: uniqueName('q'), remaining: -1 }), 400, 'VALIDATION_FAILED', '/remaining');
    await refused(() => admin.post('/v1/identities', { externalId: uniqueName('q'), remaining: 1.5 }), 400, 'VALIDATION_FAILED', '/remaining');
    await refused(() => admin.post('/v1/identities', { externalId: uniqueName('q'), refill: { amount: 5, interval: 'daily' } }), 400, 'VALIDATION_FAILED', '/refill');
    await refused(() => admin.post('/v1/identities', { externalId: uniqueName('q'), remaining: 5, refill: { amount: 5, interval: 'hourly' } }), 400, 'VALIDATION_FAILED', '/refill');
    // An edit may not leave a refill without the quota it refills.
    await refused(() => admin.patch(`/v1/identities/${existing.id}`, { refill: { amount: 5, interval: 'daily' } }), 400, 'VALIDATION_FAILED', '/refill');
    const withQuota = (await admin.post('/v1/identities', { externalId: uniqueName('q'), remaining: 5, refill: { amount: 5, interval: 'daily' } })).body;
    await refused(() => admin.patch(`/v1/identities/${withQuota.id}`, { remaining: null }), 400, 'VALIDATION_FAILED', '/refill');
  });

  it('400 for unknown fields, keyCount or id in a body, and bad list queries', async () => {
    await refused(() => admin.post('/v1/identities', { externalId: uniqueName('x'), keyCount: 3 }), 400, 'VALIDATION_FAILED', '/keyCount');
    await refused(() => admin.patch(`/v1/identities/${existing.id}`, { id: newId('idt') }), 400, 'VALIDATION_FAILED', '/id');
    expectProblem(await admin.get('/v1/identities?limit=0'), 400, 'VALIDATION_FAILED', '/limit');
    expectProblem(await admin.get('/v1/identities?limit=101'), 400, 'VALIDATION_FAILED', '/limit');
    expectProblem(await admin.get(`/v1/identities?q=${'x'.repeat(256)}`), 400, 'VALIDATION_FAILED', '/q');
    expectProblem(await admin.get('/v1/identities?projectId=prj_1'), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.get(`/v1/identities?cursor=${Buffer.from(newId('key')).toString('base64url')}`), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.get('/v1/identities/key_0000000000000000000000'), 400, 'VALIDATION_FAILED', '/id');
    expectProblem(await admin.delete(`/v1/identities/${existing.id}?force=maybe`), 400, 'VALIDATION_FAILED', '/force');
  });

  it('logged no unhandled error', () => {
    expect(server.logs.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
  });
});
