import { expect } from 'vitest';
import type { ApiClient } from './api-client.ts';
import { uniqueName } from './people.ts';

// The calls the verification tests of identities and named limits share, each asserting its
// success status so a test reads as the story it tells.

export type Identity = { id: string; externalId: string; meta: Record<string, unknown> };

/** An identity with a fresh external id and `body`'s fields (201). */
export async function createIdentity(admin: ApiClient, body: Record<string, unknown> = {}): Promise<Identity> {
  const response = await admin.post('/v1/identities', { externalId: uniqueName('customer'), ...body });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

/** A key in `projectId` with `body`'s fields (201), and its token. */
export async function createProjectKey(admin: ApiClient, projectId: string, body: Record<string, unknown> = {}) {
  const response = await admin.post('/v1/keys', { projectId, ...body });
  expect(response.status, response.text).toBe(201);
  return response.body as { key: { id: string }; token: string };
}

/** POST /v1/keys/verify for `token` (200) and its answer. */
export async function verifyToken<Answer = any>(client: ApiClient, token: string, extra: Record<string, unknown> = {}): Promise<Answer> {
  const response = await client.post('/v1/keys/verify', { key: token, ...extra });
  expect(response.status, response.text).toBe(200);
  return response.body;
}
