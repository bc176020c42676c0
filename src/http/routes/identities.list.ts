import { Type } from 'typebox';
import { listIdentities } from '../../services/identities.ts';
import type { App } from '../app-types.ts';
import { managementSecurity, PageOf, PageQuery, problemResponses } from '../schemas/common.ts';
import { Identity } from '../schemas/resources.ts';

/** GET /v1/identities?q= */
export function registerIdentitiesList(app: App): void {
  app.get('/v1/identities', {
    config: { auth: 'management', permission: 'identities.read' },
    schema: {
      tags: ['identities'],
      summary: 'List identities',
      description: 'Newest first; q searches external ids.',
      security: managementSecurity,
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 255, description: 'Part of the external id' })), ...PageQuery }, { additionalProperties: false }),
      response: { 200: PageOf(Identity), ...problemResponses },
    },
  }, async (request) => listIdentities(app.services, { q: request.query.q, limit: request.query.limit ?? 20, cursor: request.query.cursor }));
}
