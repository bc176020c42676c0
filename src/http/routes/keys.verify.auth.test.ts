import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, type ApiClient } from '../../../test/support/api-client.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { waitFor } from '../../../test/support/wait-for.ts';
import { LAST_USED_PRECISION_MS } from '../../runtime/usage/usage-recorder.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

describe('POST /v1/keys/verify with KEYWARD_VERIFY_AUTH=required', () => {
  let server: TestServer;
  let admin: ApiClient;

  withServerAndAdmin((started) => ({ server, admin } = started), { env: { KEYWARD_VERIFY_AUTH: 'required' } });

  it('needs a management key or session holding keys.verify', async () => {
    const { token } = await createKeyWith(admin);
    const anonymous = await apiClient(server.url).post('/v1/keys/verify', { key: token });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');

    const withoutRight = await createKeyWith(admin, { permissions: ['keys.read'] });
    const refused = await apiClient(server.url, { bearer: withoutRight.token }).post('/v1/keys/verify', { key: token });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');

    const verifier = await createKeyWith(admin, { permissions: ['keys.verify'] });
    const accepted = await apiClient(server.url, { bearer: verifier.token }).post('/v1/keys/verify', { key: token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.code).toBe('VALID');

    const bySession = await admin.post('/v1/keys/verify', { key: token });
    expect(bySession.body.code).toBe('VALID');
  });
});
