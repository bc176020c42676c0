import { endOtherSessions } from '../../services/auth.ts';
import type { App } from '../app-types.ts';
import { actorOf, SESSION_COOKIE } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';

/** DELETE /v1/auth/sessions/others: signs out every other session of the signed-in person. */
export function registerAuthOtherSessions(app: App): void {
  app.delete('/v1/auth/sessions/others', {
    config: { auth: 'management' },
    schema: {
      tags: ['auth'],
      summary: 'Sign out your other sessions',
      description: 'Ends every session of yours except the one that asks (204 even when there were none). For a dashboard session only: a management key gets 403 FORBIDDEN.',
      security: managementSecurity,
      response: { 204: { type: 'null' }, ...problemResponses },
    },
  }, async (request, reply) => {
    await endOtherSessions(app.services, actorOf(request), request.cookies[SESSION_COOKIE] ?? '');
    return reply.code(204).send(null);
  });
}
