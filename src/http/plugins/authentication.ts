import type { FastifyRequest } from 'fastify';
import { ProblemError, problems } from '../../domain/problem-error.ts';
import { secretsEqual } from '../../domain/token.ts';
import { requireGrants, type Actor } from '../../services/actor.ts';
import { actorForKey, resolveSession } from '../../services/auth.ts';
import { resolvePortalSession, type PortalScope } from '../../services/portal.ts';
import type { App } from '../app-types.ts';

export const SESSION_COOKIE = 'keyward_session';
/** The self-service portal's cookie: a different name, read by the portal's routes only. */
export const PORTAL_COOKIE = 'keyward_portal';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The token of `Authorization: Bearer <token>`, if that is what the header holds. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer[ ]+([^\s]+)\s*$/i);
  return match?.[1];
}

function unauthenticated(detail: string): ProblemError {
  return new ProblemError(401, 'UNAUTHENTICATED', detail, undefined, { 'www-authenticate': 'Bearer realm="keyward"' });
}

/**
 * Who is calling: a management key (Bearer) or a session cookie. A cookie write must carry
 * the session's CSRF token in `x-csrf-token`; a Bearer key needs none, since browsers never
 * attach one on their own.
 */
async function authenticate(app: App, request: FastifyRequest): Promise<Actor> {
  const fromHeader = request.routeOptions.config.auth === 'verify' && request.method === 'GET'
    ? (request.headers['x-keyward-token'] as string | undefined)
    : bearerToken(request.headers.authorization);
  if (fromHeader !== undefined) {
    const actor = await actorForKey(app.services, fromHeader, request.ip);
    if (!actor) throw unauthenticated('The management key is unknown, disabled, expired, not allowed from this address, or its owner is inactive.');
    return actor;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) {
    const session = await resolveSession(app.services, cookie);
    if (!session) throw unauthenticated('Your session has ended; sign in again.');
    if (UNSAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !secretsEqual(sent, session.csrfToken)) {
        throw new ProblemError(403, 'CSRF_FAILED', 'This change needs the x-csrf-token header from /v1/auth/login or /v1/auth/me.');
      }
    }
    request.csrfToken = session.csrfToken;
    return session.actor;
  }
  throw unauthenticated('Sign in, or send a management key as "Authorization: Bearer <token>".');
}

/**
 * A portal session, from its cookie alone: a management key or console session never opens the
 * portal's routes, and the portal cookie opens nothing else. Writes carry the portal session's
 * own CSRF token.
 */
async function authenticatePortal(app: App, request: FastifyRequest): Promise<PortalScope> {
  const cookie = request.cookies[PORTAL_COOKIE];
  const scope = cookie ? await resolvePortalSession(app.services, cookie) : undefined;
  if (!scope) throw unauthenticated('This portal session has ended; ask for a new link where you got this one.');
  if (UNSAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !secretsEqual(sent, scope.csrfToken)) {
      throw new ProblemError(403, 'CSRF_FAILED', 'This change needs the x-csrf-token header from GET /v1/portal/session.');
    }
  }
  return scope;
}

/**
 * Guards every route by its `config.auth` and `config.permission`, before the body is read.
 * The guard is attached only to the routes that need one, so public routes (and verification,
 * unless KEYWARD_VERIFY_AUTH=required) pay nothing for it.
 */
export function installAuthentication(app: App): void {
  app.decorateRequest('actor', undefined);
  app.decorateRequest('csrfToken', undefined);
  app.decorateRequest('portal', undefined);
  app.addHook('onRoute', (route) => {
    const { auth = 'public', permission } = route.config ?? {};
    if (auth === 'public' || (auth === 'verify' && app.config.verifyAuth === 'none')) return;
    if (auth === 'portal') {
      const portalGuard = async (request: FastifyRequest) => {
        request.portal = await authenticatePortal(app, request);
      };
      route.onRequest = [portalGuard, ...[route.onRequest ?? []].flat()];
      return;
    }
    const required = auth === 'verify' ? 'keys.verify' : permission;
    const guard = async (request: FastifyRequest) => {
      const actor = await authenticate(app, request);
      if (required) requireGrants(actor, [required], `${request.method} ${request.routeOptions.url}`);
      request.actor = actor;
    };
    route.onRequest = [guard, ...[route.onRequest ?? []].flat()];
  });
}

/** The portal scope of a portal route (the hook has run, so it is there). */
export function portalOf(request: FastifyRequest): PortalScope {
  if (!request.portal) throw unauthenticated('This portal session has ended.');
  return request.portal;
}

/** The actor of a guarded route (the hook has run, so it is there). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw problems.unauthenticated('Sign in first.');
  return request.actor;
}
