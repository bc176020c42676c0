import { logout } from '../../services/auth.ts';
import type { App } from '../app-types.ts';
import { SESSION_COOKIE } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';

/** POST /v1/auth/logout: ends the session server-side and clears the cookie. */
export function registerAuthLogout(app: App): void {
  app.post('/v1/auth/logout', {
    config: { auth: 'management' },
    schema: { tags: ['auth'], summary: 'Sign out', security: managementSecurity, response: { 204: { type: 'null' }, ...problemResponses } },
  }, async (request, reply) => {
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) await logout(app.services, cookie);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });
}
