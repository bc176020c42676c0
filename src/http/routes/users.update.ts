import { Type } from 'typebox';
import { updateUser } from '../../services/users.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, Password, problemResponses, Username } from '../schemas/common.ts';
import { User } from '../schemas/resources.ts';
import { Role, UserGroupIds } from './users.create.ts';
import { UserParams } from './users.get.ts';

/** PATCH /v1/users/{id}: deactivating or changing the password ends the user's sessions. */
export function registerUsersUpdate(app: App): void {
  app.patch('/v1/users/:id', {
    config: { auth: 'management', permission: 'users.write' },
    schema: {
      tags: ['users'],
      summary: 'Edit a user',
      description: "Setting someone else's password, or re-activating someone, needs holding everything they hold and their keys carry; setting another person's password is for admins only. Your own password, signed in, is changed with POST /v1/auth/password (it asks for the current one).",
      security: managementSecurity,
      params: UserParams,
      body: Type.Object(
        {
          username: Type.Optional(Username),
          password: Type.Optional(Password),
          role: Type.Optional(Role),
          groupIds: Type.Optional(UserGroupIds),
          active: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
      response: { 200: User, ...problemResponses },
    },
  }, async (request) => updateUser(app.services, actorOf(request), request.params.id, request.body));
}
