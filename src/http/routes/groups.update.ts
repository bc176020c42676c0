import { Type } from 'typebox';
import { updateGroup } from '../../services/groups.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { Group } from '../schemas/resources.ts';
import { groupFields } from './groups.create.ts';
import { GroupParams } from './groups.get.ts';

/** PATCH /v1/groups/{id}: keys in the group see the change on their next verification. */
export function registerGroupsUpdate(app: App): void {
  app.patch('/v1/groups/:id', {
    config: { auth: 'management', permission: 'groups.write' },
    schema: {
      tags: ['groups'],
      summary: 'Edit a permission group',
      security: managementSecurity,
      params: GroupParams,
      body: Type.Object(
        { name: Type.Optional(groupFields.name), description: Type.Optional(groupFields.description), permissions: Type.Optional(groupFields.permissions) },
        { additionalProperties: false },
      ),
      response: { 200: Group, ...problemResponses },
    },
  }, async (request) => updateGroup(app.services, actorOf(request), request.params.id, request.body));
}
