import { Type } from 'typebox';
import { createUser } from '../../services/users.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { Id, managementSecurity, Password, problemResponses, Username } from '../schemas/common.ts';
import { User } from '../schemas/resources.ts';

export const Role = Type.Union([Type.Literal('admin'), Type.Literal('member')]);
export const UserGroupIds = Type.Array(Id('grp'), { maxItems: 50, uniqueItems: true });

/** POST /v1/users */
export function registerUsersCreate(app: App): void {
  app.post('/v1/users', {
    config: { auth: 'management', permission: 'users.write' },
    schema: {
      tags: ['users'],
      summary: 'Create a user',
      description: 'A user without a password cannot sign in (useful as a key owner). Only an actor holding * can create an admin; groups must be within what you hold.',
      security: managementSecurity,
      body: Type.Object(
        { username: Username, password: Type.Optional(Password), role: Role, groupIds: Type.Optional(UserGroupIds) },
        { additionalProperties: false },
      ),
      response: { 201: User, ...problemResponses },
    },
  }, async (request, reply) => reply.code(201).send(await createUser(app.services, actorOf(request), request.body)));
}
