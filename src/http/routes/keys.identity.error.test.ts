import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/ids.ts';
import { type ApiClient } from '../../../test/support/api-client.ts';
import { snapshotDatabase } from '../../../test/support/db-snapshot.ts';
import { BAD_LIMITS, namedLimit as limit, OVERSIZED_META } from '../../../test/support/named-limits.ts';
import { uniqueName } from '../../../test/support/people.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

describe('keys: refused identities and named limits, on create and edit', () => {
  let server: TestServer;
  let admin: ApiClient;
  let projectId: string;
  let keyId: string;
  let identity: { id: string; externalId: string };
  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    projectId = (await admin.post('/v1/projects', { name: 'Refusals', keyPrefix: 'rf' })).body.id;
    identity = (await admin.post('/v1/identities', { externalId: uniqueName('known') })).body;
    keyId = (await admin.post('/v1/keys', { projectId, identityId: identity.id, ratelimits: [limit('requests')] })).body.key.id;
  });

  /** Sends the same refused change as a new key and as an edit; both answer the problem and change nothing. */
  async function refusedBoth(change: Record<string, unknown>, status: number, code: string, path?: string) {
    const before = await snapshotDatabase(server);
    const created = await admin.post('/v1/keys', { projectId, ...change });
    expectProblem(created, status, code, path);
    const edited = await admin.patch(`/v1/keys/${keyId}`, change);
    expectProblem(edited, status, code, path);
    expect(await snapshotDatabase(server)).toEqual(before);
    return [created.body, edited.body];
  }

  it('422 IDENTITY_NOT_FOUND for an unknown identityId, naming it', async () => {
    const unknown = newId('idt');
    const [created] = await refusedBoth({ identityId: unknown }, 422, 'IDENTITY_NOT_FOUND', '/identityId');
    expect(created.detail).toContain(unknown);
  });

  it('422 IDENTITY_NOT_FOUND for an unknown externalId, naming it; an identity deleted is unknown', async () => {
    const [created] = await refusedBoth({ externalId: 'never-created' }, 422, 'IDENTITY_NOT_FOUND', '/externalId');
    expect(created.detail).toContain('never-created');
    const gone = (await admin.post('/v1/identities', { externalId: uniqueName('gone') })).body;
    await admin.delete(`/v1/identities/${gone.id}`);
    await refusedBoth({ identityId: gone.id }, 422, 'IDENTITY_NOT_FOUND', '/identityId');
    await refusedBoth({ externalId: gone.externalId }, 422, 'IDENTITY_NOT_FOUND', '/externalId');
    // Matched exactly: another case is another customer.
    await refusedBoth({ externalId: identity.externalId.toUpperCase() }, 422, 'IDENTITY_NOT_FOUND', '/externalId');
  });

  it('400 for identityId and externalId together, even when both name the same identity', async () => {
    await refusedBoth({ identityId: identity.id, externalId: identity.externalId }, 400, 'VALIDATION_FAILED', '/externalId');
    await refusedBoth({ identityId: null, externalId: identity.externalId }, 400, 'VALIDATION_FAILED', '/externalId');
  });

  it('400 for ratelimit and ratelimits together', async () => {
    await refusedBoth({ ratelimit: { limit: 5, windowMs: 60_000 }, ratelimits: [limit('requests')] }, 400, 'VALIDATION_FAILED', '/ratelimit');
    await refusedBoth({ ratelimit: null, ratelimits: [] }, 400, 'VALIDATION_FAILED', '/ratelimit');
  });

  it.each(BAD_LIMITS)('400 for ratelimits with %s', async (_label, ratelimits, path) => {
    await refusedBoth({ ratelimits }, 400, 'VALIDATION_FAILED', path);
  });

  it('400 for a bad single ratelimit: a window under a second, a limit of 0, named limits fields', async () => {
    await refusedBoth({ ratelimit: { limit: 5, windowMs: 999 } }, 400, 'VALIDATION_FAILED', '/ratelimit/windowMs');
    await refusedBoth({ ratelimit: { limit: 0, windowMs: 1000 } }, 400, 'VALIDATION_FAILED', '/ratelimit/limit');
    await refusedBoth({ ratelimit: { limit: 5, durationMs: 1000 } }, 400, 'VALIDATION_FAILED', '/ratelimit');
  });

  it('400 for a bad identity reference: a malformed identityId, an empty or over-long externalId, externalId null', async () => {
    await refusedBoth({ identityId: 'idt_nope' }, 400, 'VALIDATION_FAILED', '/identityId');
    await refusedBoth({ identityId: newId('key') }, 400, 'VALIDATION_FAILED', '/identityId');
    await refusedBoth({ externalId: '' }, 400, 'VALIDATION_FAILED', '/externalId');
    await refusedBoth({ externalId: 'x'.repeat(256) }, 400, 'VALIDATION_FAILED', '/externalId');
    await refusedBoth({ externalId: null }, 400, 'VALIDATION_FAILED', '/externalId');
    await refusedBoth({ externalId: 'a\u0000b' }, 400, 'VALIDATION_FAILED', '/externalId');
    await refusedBoth({ identity: { id: identity.id } }, 400, 'VALIDATION_FAILED', '/identity');
  });

  it('400 for a key meta over 4 KiB', async () => {
    await refusedBoth({ meta: OVERSIZED_META }, 400, 'VALIDATION_FAILED', '/meta');
  });

  it('404 for an edit of a key that does not exist, whatever identity it names', async () => {
    const missing = newId('key');
    for (const change of [{ identityId: identity.id }, { externalId: 'never-created' }, { ratelimits: [limit('requests')] }]) {
      expectProblem(await admin.patch(`/v1/keys/${missing}`, change), 404, 'NOT_FOUND');
    }
  });

  it('400 for bad identity filters on the list', async () => {
    expectProblem(await admin.get('/v1/keys?identityId=idt_1'), 400, 'VALIDATION_FAILED', '/identityId');
    expectProblem(await admin.get(`/v1/keys?identityId=${newId('prj')}`), 400, 'VALIDATION_FAILED', '/identityId');
    expectProblem(await admin.get('/v1/keys?externalId='), 400, 'VALIDATION_FAILED', '/externalId');
    expectProblem(await admin.get(`/v1/keys?externalId=${'x'.repeat(256)}`), 400, 'VALIDATION_FAILED', '/externalId');
    expectProblem(await admin.get('/v1/keys?externalId=a%00b'), 400, 'VALIDATION_FAILED', '/externalId');
  });

  it('logged no unhandled error', () => {
    expect(server.logs.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
  });
});
