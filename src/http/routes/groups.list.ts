import { Type } from 'typebox';
import { listGroups } from '../../services/groups.ts';
import type { App } from '../app-types.ts';
import { managementSecurity, PageOf, PageQuery, problemResponses } from '../schemas/common.ts';
import { Group } from '../schemas/resources.ts';

/** GET /v1/groups */
export function registerGroupsList(app: App): void {
  app.get('/v1/groups', {
    config: { auth: 'management', permission: 'groups.read' },
    schema: {
      tags: ['groups'],
      summary: 'List permission groups',
      security: managementSecurity,
      querystring: Type.Object(PageQuery, { additionalProperties: false }),
      response: { 200: PageOf(Group), ...problemResponses },
    },
  }, async (request) => listGroups(app.services, request.query.limit ?? 20, request.query.cursor));
}
