import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient } from '../../../test/support/api-client.ts';
import { foreignToken } from '../../../test/support/foreign-tokens.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

const hex = () => ({ algorithm: 'sha256', encoding: 'hex', value: foreignToken().hex });

describe('POST /v1/keys/import: refusals, all or nothing', () => {
  let server: TestServer;
  let admin: ApiClient;
  let projectId: string;

  const keyCount = async () => Number((await server.app.store.db.selectFrom('keys').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  /** Sends an import that must be refused, and checks that nothing at all was stored. */
  async function refused(body: unknown, status: number, code: string, path?: string) {
    const before = await keyCount();
    const response = await admin.post('/v1/keys/import', body);
    expectProblem(response, status, code, path);
    expect(await keyCount()).toBe(before);
    return response;
  }

  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    projectId = (await admin.post('/v1/projects', { name: 'Import errors', keyPrefix: 'ie' })).body.id;
  });

  it('one malformed hash among good rows imports none, naming the row', async () => {
    const response = await refused({ projectId, keys: [{ hash: hex() }, { hash: { algorithm: 'sha256', encoding: 'hex', value: 'abc' } }, { hash: hex() }] }, 400, 'VALIDATION_FAILED', '/keys/1/hash/value');
    expect(response.body.detail).toContain('Nothing was imported');
  });

  it('refuses the same hash twice in one call, in either spelling', async () => {
    const foreign = foreignToken();
    await refused({
      projectId,
      keys: [{ hash: { algorithm: 'sha256', encoding: 'hex', value: foreign.hex } }, { hash: { algorithm: 'sha256', encoding: 'base64', value: foreign.base64 } }],
    }, 400, 'VALIDATION_FAILED', '/keys/1/hash/value');
  });

  it('refuses a hash that is already imported: 409, naming the row', async () => {
    const taken = hex();
    expect((await admin.post('/v1/keys/import', { projectId, keys: [{ hash: taken }] })).status).toBe(201);
    await refused({ projectId, keys: [{ hash: hex() }, { hash: taken }] }, 409, 'CONFLICT', '/keys/1/hash/value');
  });

  it('unknown project, owner or group: 422 with the contract codes', async () => {
    await refused({ projectId: 'prj_0000000000000000000000', keys: [{ hash: hex() }] }, 422, 'PROJECT_NOT_FOUND', '/projectId');
    await refused({ projectId, keys: [{ hash: hex(), owner: 'admin' }, { hash: hex(), owner: 'nobody-here' }] }, 422, 'OWNER_NOT_FOUND', '/keys/1/owner');
    await refused({ projectId, keys: [{ hash: hex(), ownerId: 'usr_0000000000000000000000' }] }, 422, 'OWNER_NOT_FOUND', '/keys/0/ownerId');
    await refused({ projectId, keys: [{ hash: hex(), groupIds: ['grp_0000000000000000000000'] }] }, 422, 'GROUP_NOT_FOUND', '/keys/0/groupIds/0');
  });

  it('refuses bad rows by schema: unknown fields, other algorithms, owner and ownerId together, oversized meta', async () => {
    await refused({ projectId, keys: [{ hash: hex(), token: 'x' }] }, 400, 'VALIDATION_FAILED', '/keys/0/token');
    await refused({ projectId, keys: [{ hash: { ...hex(), algorithm: 'md5' } }] }, 400, 'VALIDATION_FAILED');
    await refused({ projectId, keys: [{ hash: { ...hex(), encoding: 'base32' } }] }, 400, 'VALIDATION_FAILED');
    await refused({ projectId, keys: [{ hash: hex(), ipAllowlist: ['10.0.0.0/8'] }] }, 400, 'VALIDATION_FAILED', '/keys/0/ipAllowlist');
    const me = (await admin.get('/v1/auth/me')).body.user.id;
    await refused({ projectId, keys: [{ hash: hex(), owner: 'admin', ownerId: me }] }, 400, 'VALIDATION_FAILED', '/keys/0/owner');
    await refused({ projectId, keys: [{ hash: hex(), meta: { blob: 'x'.repeat(5000) } }] }, 400, 'VALIDATION_FAILED', '/keys/0/meta');
    await refused({ projectId, keys: [] }, 400, 'VALIDATION_FAILED', '/keys');
    await refused({ keys: [{ hash: hex() }] }, 400, 'VALIDATION_FAILED', '/projectId');
  });

  it('refuses 1,001 keys in one call', async () => {
    await refused({ projectId, keys: Array.from({ length: 1001 }, () => ({ hash: hex() })) }, 400, 'VALIDATION_FAILED', '/keys');
  });

  it('takes bodies up to 1 MiB on this route only: larger ones are 413', async () => {
    const meta = { note: 'n'.repeat(3000) };
    const big = { projectId, keys: Array.from({ length: 300 }, () => ({ hash: hex(), meta })) };
    expect(JSON.stringify(big).length).toBeGreaterThan(128 * 1024);
    expect((await admin.post('/v1/keys/import', big)).status).toBe(201);
    const tooBig = { projectId, keys: Array.from({ length: 400 }, () => ({ hash: hex(), meta })) };
    expect(JSON.stringify(tooBig).length).toBeGreaterThan(1024 * 1024);
    await refused(tooBig, 413, 'PAYLOAD_TOO_LARGE');
    const createKey = await admin.post('/v1/keys', { projectId, meta: { note: 'n'.repeat(200 * 1024) } });
    expectProblem(createKey, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('lists at most 100 row errors, saying how many there were', async () => {
    const response = await refused({ projectId, keys: Array.from({ length: 150 }, () => ({ hash: { algorithm: 'sha256', encoding: 'hex', value: 'nope' } })) }, 400, 'VALIDATION_FAILED', '/keys/99/hash/value');
    expect(response.body.errors).toHaveLength(100);
    expect(response.body.detail).toContain('150 problems');
  });
});
