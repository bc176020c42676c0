import { Type } from 'typebox';
import { createPortalSession, PORTAL_TTL } from '../../services/portal.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { Id, IsoDateTime, managementSecurity, problemResponses } from '../schemas/common.ts';

const Body = Type.Object(
  {
    projectId: Id('prj'),
    externalId: Type.String({ minLength: 1, maxLength: 255, description: 'The identity (your customer) whose keys the portal shows' }),
    groupIds: Type.Optional(Type.Array(Id('grp'), { maxItems: 50, uniqueItems: true, description: 'The groups keys made in the portal may have; you must hold their permissions' })),
    returnUrl: Type.Optional(Type.String({ maxLength: 2048, description: 'Where the portal links back to (your application)' })),
    ttlSeconds: Type.Optional(Type.Integer({ minimum: 30, maximum: PORTAL_TTL.max, default: PORTAL_TTL.default, description: 'How long the link is good for, and the session lasts after its first use' })),
  },
  { additionalProperties: false },
);

/** POST /v1/portal/sessions: a single-use link to the self-service portal for one identity. */
export function registerPortalSessionsCreate(app: App): void {
  app.post('/v1/portal/sessions', {
    config: { auth: 'management', permission: 'portal.write' },
    schema: {
      tags: ['portal'],
      summary: 'Create a self-service portal link',
      description: "A single-use, short-lived link for one of your customers: it opens a page where that identity alone lists, creates (within groupIds), regenerates, deactivates and deletes its keys in the project and sees their usage. The first GET of the url sets the portal session cookie and redirects (303) to the page; any later GET, or one after expiresAt, is 410. Hand the url to the customer's browser, never log it.",
      security: managementSecurity,
      body: Body,
      response: { 201: Type.Object({ url: Type.String({ format: 'uri' }), expiresAt: IsoDateTime }), ...problemResponses },
    },
  }, async (request, reply) => {
    const baseUrl = app.config.publicUrl ?? `${request.protocol}://${request.host}`;
    reply.header('cache-control', 'no-store');
    return reply.code(201).send(await createPortalSession(app.services, actorOf(request), request.body, baseUrl));
  });
}
