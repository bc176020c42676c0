import { Type } from 'typebox';
import { getGroup } from '../../services/groups.ts';
import type { App } from '../app-types.ts';
import { Id, managementSecurity, problemResponses } from '../schemas/common.ts';
import { Group } from '../schemas/resources.ts';

export const GroupParams = Type.Object({ id: Id('grp') });

/** GET /v1/groups/{id} */
export function registerGroupsGet(app: App): void {
  app.get('/v1/groups/:id', {
    config: { auth: 'management', permission: 'groups.read' },
    schema: { tags: ['groups'], summary: 'Get a permission group', security: managementSecurity, params: GroupParams, response: { 200: Group, ...problemResponses } },
  }, async (request) => getGroup(app.services, request.params.id));
}
