import { Type } from 'typebox';
import { changeOwnPassword } from '../../services/auth.ts';
import type { App } from '../app-types.ts';
import { actorOf, SESSION_COOKIE } from '../plugins/authentication.ts';
import { managementSecurity, Password, problemResponses } from '../schemas/common.ts';

const Body = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256, description: 'The password you signed in with' }),
    newPassword: Password,
  },
  { additionalProperties: false },
);

/** POST /v1/auth/password: the signed-in person changes their own password. */
export function registerAuthPassword(app: App): void {
  app.post('/v1/auth/password', {
    config: { auth: 'management' },
    schema: {
      tags: ['auth'],
      summary: 'Change your own password',
      description:
        'For a dashboard session only (a management key gets 403 FORBIDDEN); needs no permission. ' +
        'A wrong currentPassword is 403 FORBIDDEN (errors[].path "/currentPassword") and counts as a failed sign-in of your username, ' +
        'so after 5 the answer is 429 RATE_LIMITED. On success every other session of yours ends; this one stays.',
      security: managementSecurity,
      body: Body,
      response: { 204: { type: 'null' }, ...problemResponses },
    },
  }, async (request, reply) => {
    await changeOwnPassword(app.services, app.passwordGuard, actorOf(request), {
      ...request.body,
      ip: request.ip,
      sessionToken: request.cookies[SESSION_COOKIE] ?? '',
    });
    return reply.code(204).send(null);
  });
}
