import { Type } from 'typebox';
import { getUser } from '../../services/users.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, Nullable, problemResponses } from '../schemas/common.ts';
import { User } from '../schemas/resources.ts';

/** GET /v1/auth/me: who is signed in, the CSRF token, and what they may do. */
export function registerAuthMe(app: App): void {
  app.get('/v1/auth/me', {
    config: { auth: 'management' },
    schema: {
      tags: ['auth'],
      summary: 'The current user',
      description: 'For a management key, csrfToken is null (keys need none) and permissions are what the key may do.',
      security: managementSecurity,
      response: {
        200: Type.Object({ user: User, csrfToken: Nullable(Type.String()), permissions: Type.Array(Type.String()), via: Type.Union([Type.Literal('session'), Type.Literal('key')]) }),
        ...problemResponses,
      },
    },
  }, async (request, reply) => {
    // The body carries the CSRF token: no cache (browser or proxy) may keep it.
    reply.header('cache-control', 'no-store');
    const actor = actorOf(request);
    return {
      user: await getUser(app.services, actor.userId),
      csrfToken: request.csrfToken ?? null,
      permissions: actor.grants,
      via: actor.type === 'key' ? ('key' as const) : ('session' as const),
    };
  });
}
