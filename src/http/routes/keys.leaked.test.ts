import { describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, type ApiClient } from '../../../test/support/api-client.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { generateToken } from '../../domain/token.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

describe('POST /v1/keys/leaked', () => {
  let server: TestServer;
  let admin: ApiClient;
  withServerAndAdmin((started) => ({ server, admin } = started));

  it('deactivates the keys of leaked tokens at once, audited, and counts the unknown ones', async () => {
    const leaked = await createKeyWith(admin);
    const untouched = await createKeyWith(admin);
    const verify = (key: string) => apiClient(server.url).post('/v1/keys/verify', { key });
    expect((await verify(leaked.token)).body.code).toBe('VALID');

    const report = await admin.post('/v1/keys/leaked', { tokens: [leaked.token, generateToken('tk'), 'not-a-token'], source: 'public repository scan' });
    expect(report.status).toBe(200);
    expect(report.body).toEqual({ disabled: [{ keyId: leaked.keyId, projectId: leaked.projectId }], alreadyDisabled: 0, unknown: 2 });

    expect((await verify(leaked.token)).body.code).toBe('DISABLED');
    expect((await verify(untouched.token)).body.code).toBe('VALID');
    expect((await admin.get(`/v1/keys/${leaked.keyId}`)).body).toMatchObject({ enabled: false, status: 'inactive' });
    const audit = await admin.get(`/v1/audit?keyId=${leaked.keyId}&action=key.leaked`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].detail).toEqual({ source: 'public repository scan', wasEnabled: true });
    expect(JSON.stringify(audit.body)).not.toContain(leaked.token);

    const again = await admin.post('/v1/keys/leaked', { tokens: [leaked.token] });
    expect(again.body).toEqual({ disabled: [], alreadyDisabled: 1, unknown: 0 });
  });

  it('needs keys.write and refuses bad bodies', async () => {
    expect((await apiClient(server.url).post('/v1/keys/leaked', { tokens: ['x'] })).status).toBe(401);
    expect((await admin.post('/v1/keys/leaked', { tokens: [] })).body.code).toBe('VALIDATION_FAILED');
    expect((await admin.post('/v1/keys/leaked', { tokens: Array.from({ length: 1001 }, () => 'x') })).status).toBe(400);
  });
});
