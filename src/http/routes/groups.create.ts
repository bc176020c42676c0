import { Type } from 'typebox';
import { createGroup } from '../../services/groups.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { Group, Permission } from '../schemas/resources.ts';

export const groupFields = {
  name: Type.String({ minLength: 1, maxLength: 100, examples: ['feedback-writers'] }),
  description: Type.String({ maxLength: 1000 }),
  permissions: Type.Array(Permission, { maxItems: 100, description: 'Management permissions, project permissions, or * for all' }),
};

/** POST /v1/groups */
export function registerGroupsCreate(app: App): void {
  app.post('/v1/groups', {
    config: { auth: 'management', permission: 'groups.write' },
    schema: {
      tags: ['groups'],
      summary: 'Create a permission group',
      description: 'You can only put permissions you hold yourself into a group (403 otherwise).',
      security: managementSecurity,
      body: Type.Object(
        { name: groupFields.name, description: Type.Optional(groupFields.description), permissions: groupFields.permissions },
        { additionalProperties: false },
      ),
      response: { 201: Group, ...problemResponses },
    },
  }, async (request, reply) => reply.code(201).send(await createGroup(app.services, actorOf(request), request.body)));
}
