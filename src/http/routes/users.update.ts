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
      description: "Setting someone else's password, or re-activating someone, needs holding everything they hold and their keys carry; setting another person's password is for admins only. Your own password, signed in, needs currentPassword.",
      security: managementSecurity,
      params: UserParams,
      body: Type.Object(
        {
          username: Type.Optional(Username),
          password: Type.Optional(Password),
          currentPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'Your current password: required (and only allowed) when you change your own password signed in.' })),
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
