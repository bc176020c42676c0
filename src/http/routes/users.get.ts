import { Type } from 'typebox';
import { getUser } from '../../services/users.ts';
import type { App } from '../app-types.ts';
import { Id, managementSecurity, problemResponses } from '../schemas/common.ts';
import { User } from '../schemas/resources.ts';

export const UserParams = Type.Object({ id: Id('usr') });

/** GET /v1/users/{id} */
export function registerUsersGet(app: App): void {
  app.get('/v1/users/:id', {
    config: { auth: 'management', permission: 'users.read' },
    schema: { tags: ['users'], summary: 'Get a user', security: managementSecurity, params: UserParams, response: { 200: User, ...problemResponses } },
  }, async (request) => getUser(app.services, request.params.id));
}
