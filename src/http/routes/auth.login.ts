import { Type } from 'typebox';
import { login, SESSION_ABSOLUTE_MS } from '../../services/auth.ts';
import type { App } from '../app-types.ts';
import { SESSION_COOKIE } from '../plugins/authentication.ts';
import { problemResponses } from '../schemas/common.ts';
import { User } from '../schemas/resources.ts';

const Body = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

/** POST /v1/auth/login: a new session (HttpOnly cookie) and its CSRF token. */
export function registerAuthLogin(app: App): void {
  app.post('/v1/auth/login', {
    config: { auth: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Sign in',
      description: 'Opens a session: sets an HttpOnly, SameSite=Strict cookie and returns the CSRF token that cookie writes must send as x-csrf-token. Repeated failures answer 429.',
      body: Body,
      response: { 200: Type.Object({ user: User, csrfToken: Type.String() }), ...problemResponses },
    },
  }, async (request, reply) => {
    // The body carries the CSRF token: no cache (browser or proxy) may keep it.
    reply.header('cache-control', 'no-store');
    const signedIn = await login(app.services, app.passwordGuard, { ...request.body, ip: request.ip });
    reply.setCookie(SESSION_COOKIE, signedIn.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      maxAge: SESSION_ABSOLUTE_MS / 1000,
    });
    return { user: signedIn.user, csrfToken: signedIn.csrfToken };
  });
}
