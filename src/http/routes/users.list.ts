import { Type } from 'typebox';
import { listUsers } from '../../services/users.ts';
import type { App } from '../app-types.ts';
import { managementSecurity, PageOf, PageQuery, problemResponses } from '../schemas/common.ts';
import { User } from '../schemas/resources.ts';

/** GET /v1/users?q= */
export function registerUsersList(app: App): void {
  app.get('/v1/users', {
    config: { auth: 'management', permission: 'users.read' },
    schema: {
      tags: ['users'],
      summary: 'List users',
      security: managementSecurity,
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the username' })), ...PageQuery }, { additionalProperties: false }),
      response: { 200: PageOf(User), ...problemResponses },
    },
  }, async (request) => listUsers(app.services, { q: request.query.q, limit: request.query.limit ?? 20, cursor: request.query.cursor }));
}
