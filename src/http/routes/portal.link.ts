import { Type } from 'typebox';
import { ProblemError } from '../../domain/problem-error.ts';
import { TOKEN_PATTERN } from '../../domain/token.ts';
import { openPortalLink } from '../../services/portal.ts';
import type { App } from '../app-types.ts';
import { PORTAL_COOKIE } from '../plugins/authentication.ts';
import { problemResponses } from '../schemas/common.ts';

/** GET /portal/link/{link}: the first use opens a portal session and redirects to the portal page. */
export function registerPortalLink(app: App): void {
  app.get('/portal/link/:link', {
    config: { auth: 'public' },
    schema: {
      tags: ['portal'],
      summary: 'Open a portal link',
      description: 'The first GET sets the portal session cookie (HttpOnly, SameSite=Lax, lasting the link\'s ttlSeconds) and redirects (303) to /portal. Any later GET is 410 PORTAL_LINK_USED; one after the link\'s expiresAt is 410 PORTAL_LINK_EXPIRED. A browser navigating there (Sec-Fetch-Mode: navigate) gets the same status with the portal page, which says why.',
      params: Type.Object({ link: Type.String({ pattern: `^${TOKEN_PATTERN}$` }) }),
      response: { 303: { type: 'null', description: 'To the portal page' }, ...problemResponses },
    },
    // The customer clicked the link a second time, or too late: a page that says so (the app asks
    // this route again, as a program, for the problem), not a screen of JSON; the same status.
    // Only for a browser's navigation (Sec-Fetch-Mode, which browsers send over HTTPS and to
    // localhost): a program gets the problem whatever it accepts.
    errorHandler: (error, request, reply) => {
      const status = error instanceof ProblemError ? error.status : error.validation ? 400 : undefined;
      if (status === undefined || !app.dashboardPage || request.headers['sec-fetch-mode'] !== 'navigate') throw error;
      return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(app.dashboardPage);
    },
  }, async (request, reply) => {
    const { cookie, maxAgeSeconds } = await openPortalLink(app.services, request.params.link);
    // Lax, not Strict: the customer arrives by a link from another site (the host application).
    reply.setCookie(PORTAL_COOKIE, cookie, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: maxAgeSeconds });
    reply.header('cache-control', 'no-store');
    return reply.code(303).header('location', '/portal').send(null);
  });
}
