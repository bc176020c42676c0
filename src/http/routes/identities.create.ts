import { Type } from 'typebox';
import { createIdentity } from '../../services/identities.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { Identity, identitySettings } from '../schemas/resources.ts';

/** POST /v1/identities: one of your customers; keys pointing at it share its limits. */
export function registerIdentitiesCreate(app: App): void {
  app.post('/v1/identities', {
    config: { auth: 'management', permission: 'identities.write' },
    schema: {
      tags: ['identities'],
      summary: 'Create an identity',
      description: 'An identity is one of your customers (not a console user): keys point at it (identityId or externalId), share its named limits and quota, and carry its meta into every verification answer. externalId is unique (409).',
      security: managementSecurity,
      body: Type.Object(identitySettings, { additionalProperties: false }),
      response: { 201: Identity, ...problemResponses },
    },
  }, async (request, reply) => reply.code(201).send(await createIdentity(app.services, actorOf(request), request.body)));
}
