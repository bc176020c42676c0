import { Type } from 'typebox';
import { endPortalSession } from '../../services/portal.ts';
import type { App } from '../app-types.ts';
import { PORTAL_COOKIE, portalOf } from '../plugins/authentication.ts';
import { Id, IsoDateTime, Nullable, problemResponses } from '../schemas/common.ts';

export const portalSecurity = [{ portalSession: [] }];

const PortalSession = Type.Object({
  project: Type.Object({ id: Id('prj'), name: Type.String() }),
  identity: Type.Object({ externalId: Type.String() }),
  groups: Type.Array(Type.Object({ id: Id('grp'), name: Type.String(), permissions: Type.Array(Type.String()) }), { description: 'What keys made here may be given' }),
  returnUrl: Nullable(Type.String()),
  expiresAt: IsoDateTime,
  csrfToken: Type.String({ description: 'Send as x-csrf-token with every change' }),
});

/** GET /v1/portal/session and POST /v1/portal/logout: the portal session itself. */
export function registerPortalSession(app: App): void {
  app.get('/v1/portal/session', {
    config: { auth: 'portal' },
    schema: { tags: ['portal'], summary: 'The portal session', description: 'Whose keys, in which project, the groups keys may have, where to go back to, and the CSRF token.', security: portalSecurity, response: { 200: PortalSession, ...problemResponses } },
  }, async (request, reply) => {
    const { project, identity, groups, returnUrl, expiresAt, csrfToken } = portalOf(request);
    reply.header('cache-control', 'no-store');
    return { project, identity: { externalId: identity.externalId }, groups, returnUrl, expiresAt, csrfToken };
  });
  app.post('/v1/portal/logout', {
    config: { auth: 'portal' },
    schema: { tags: ['portal'], summary: 'End the portal session', security: portalSecurity, response: { 204: { type: 'null' }, ...problemResponses } },
  }, async (request, reply) => {
    await endPortalSession(app.services, portalOf(request));
    reply.clearCookie(PORTAL_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });
}
