import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import type { TestServer } from '../support/test-server.ts';
import { withServerAndAdmin } from '../support/server-with-admin.ts';

// The contract gives named limits as {name, limit, durationMs, autoApply?}: a body may leave
// autoApply out (it is then true), and the served document must say so, or clients generated
// from it (the SDK) demand a field the server does not.
describe('named limits in bodies: autoApply may be left out', () => {
  let server: TestServer;
  let admin: ApiClient;
  withServerAndAdmin((started) => ({ server, admin } = started));

  const tokens = { name: 'tokens', limit: 10, durationMs: 60_000 };

  it('is true when a key or an identity is created or edited without it, and false when given so', async () => {
    const project = (await admin.post('/v1/projects', { name: 'Limits', keyPrefix: 'lim' })).body;
    const identity = await admin.post('/v1/identities', { externalId: 'acme', ratelimits: [tokens] });
    expect(identity.status, identity.text).toBe(201);
    expect(identity.body.ratelimits).toEqual([{ ...tokens, autoApply: true }]);
    const edited = await admin.patch(`/v1/identities/${identity.body.id}`, { ratelimits: [tokens, { ...tokens, name: 'manual', autoApply: false }] });
    expect(edited.body.ratelimits).toEqual([{ ...tokens, autoApply: true }, { ...tokens, name: 'manual', autoApply: false }]);

    const key = await admin.post('/v1/keys', { projectId: project.id, ratelimits: [tokens] });
    expect(key.status, key.text).toBe(201);
    expect(key.body.key.ratelimits).toEqual([{ ...tokens, autoApply: true }]);
    const keyEdited = await admin.patch(`/v1/keys/${key.body.key.id}`, { ratelimits: [{ ...tokens, limit: 5 }] });
    expect(keyEdited.body.ratelimits).toEqual([{ ...tokens, limit: 5, autoApply: true }]);
  });

  it('is optional in the request bodies of the served document, and always present in its answers', async () => {
    const document: any = await (await fetch(`${server.url}/openapi.json`)).json();
    const limitIn = (schema: any) => schema.properties.ratelimits.items;
    const bodyOf = (path: string, method: string) => document.paths[path][method].requestBody.content['application/json'].schema;
    for (const [path, method] of [['/v1/keys', 'post'], ['/v1/keys/{id}', 'patch'], ['/v1/identities', 'post'], ['/v1/identities/{id}', 'patch']] as const) {
      const limit = limitIn(bodyOf(path, method));
      expect(limit.required, `${method} ${path}`).toEqual(['name', 'limit', 'durationMs']);
      expect(limit.properties.autoApply.default, `${method} ${path}`).toBe(true);
    }
    const answered = limitIn(document.paths['/v1/identities/{id}'].get.responses['200'].content['application/json'].schema);
    expect(answered.required).toEqual(['name', 'limit', 'durationMs', 'autoApply']);
  });
});
