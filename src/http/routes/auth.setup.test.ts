import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../../../test/support/api-client.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';

describe('GET /v1/auth/setup', () => {
  let empty: TestServer;
  let seeded: TestServer;

  beforeAll(async () => {
    [empty, seeded] = await Promise.all([startTestServer({ withAdmin: false }), startTestServer()]);
  });
  afterAll(async () => Promise.all([empty.close(), seeded.close()]));

  it('tells anyone, without a credential, how to create the first admin while no user exists', async () => {
    const response = await apiClient(empty.url).get('/v1/auth/setup');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      firstRun: true,
      instruction: expect.stringContaining('KEYWARD_ADMIN_USERNAME and KEYWARD_ADMIN_PASSWORD'),
    });
  });

  it('says nothing more once a user exists', async () => {
    const response = await apiClient(seeded.url).get('/v1/auth/setup');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ firstRun: false, instruction: null });
  });
});
