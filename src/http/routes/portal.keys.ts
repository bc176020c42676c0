import { Type } from 'typebox';
import { createPortalKey, deletePortalKey, listPortalKeys, portalKeyUsage, regeneratePortalKey, updatePortalKey } from '../../services/portal-keys.ts';
import type { App } from '../app-types.ts';
import { portalOf } from '../plugins/authentication.ts';
import { Id, IsoDateTime, Nullable, PageOf, PageQuery, problemResponses } from '../schemas/common.ts';
import { IssuedKey, Key } from '../schemas/resources.ts';
import { KeyParams } from './keys.get.ts';
import { portalSecurity } from './portal.session.ts';
import { KeyUsage, UsageQuery } from './usage.key.ts';

// The portal's key routes: the keys of the session's identity in its project, and nothing else
// (any other key answers 404, as one that does not exist).

const tags = ['portal'];

/** The self-service portal's key routes. */
export function registerPortalKeys(app: App): void {
  app.get('/v1/portal/keys', {
    config: { auth: 'portal' },
    schema: { tags, summary: "The identity's keys", security: portalSecurity, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: PageOf(Key), ...problemResponses } },
  }, async (request) => listPortalKeys(app.services, portalOf(request), { limit: request.query.limit ?? 20, cursor: request.query.cursor }));

  app.post('/v1/portal/keys', {
    config: { auth: 'portal' },
    schema: {
      tags,
      summary: 'Create a key',
      description: 'The token is in this answer only. groupIds must be among the groups the portal offers.',
      security: portalSecurity,
      body: Type.Object({
        name: Type.Optional(Type.String({ maxLength: 200 })),
        groupIds: Type.Optional(Type.Array(Id('grp'), { maxItems: 50, uniqueItems: true })),
        expiresAt: Type.Optional(Nullable(IsoDateTime)),
      }, { additionalProperties: false }),
      response: { 201: IssuedKey, ...problemResponses },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.code(201).send(await createPortalKey(app.services, portalOf(request), request.body));
  });

  app.patch('/v1/portal/keys/:id', {
    config: { auth: 'portal' },
    schema: {
      tags,
      summary: 'Rename, deactivate or re-activate a key',
      security: portalSecurity,
      params: KeyParams,
      body: Type.Object({ name: Type.Optional(Type.String({ maxLength: 200 })), enabled: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: Key, ...problemResponses },
    },
  }, async (request) => updatePortalKey(app.services, portalOf(request), request.params.id, request.body));

  app.delete('/v1/portal/keys/:id', {
    config: { auth: 'portal' },
    schema: { tags, summary: 'Delete a key', security: portalSecurity, params: KeyParams, response: { 204: { type: 'null' }, ...problemResponses } },
  }, async (request, reply) => {
    await deletePortalKey(app.services, portalOf(request), request.params.id);
    return reply.code(204).send(null);
  });

  app.post('/v1/portal/keys/:id/regenerate', {
    config: { auth: 'portal' },
    schema: { tags, summary: 'Regenerate a key', description: 'A new token, in this answer only; the old one stops at once.', security: portalSecurity, params: KeyParams, response: { 200: IssuedKey, ...problemResponses } },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return regeneratePortalKey(app.services, portalOf(request), request.params.id);
  });

  app.get('/v1/portal/keys/:id/usage', {
    config: { auth: 'portal' },
    schema: { tags, summary: "A key's verifications over time", security: portalSecurity, params: KeyParams, querystring: Type.Object(UsageQuery, { additionalProperties: false }), response: { 200: KeyUsage, ...problemResponses } },
  }, async (request) => portalKeyUsage(app.services, portalOf(request), request.params.id, request.query));
}
