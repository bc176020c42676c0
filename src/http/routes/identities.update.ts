import { Type } from 'typebox';
import { updateIdentity } from '../../services/identities.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { Identity, identitySettings } from '../schemas/resources.ts';
import { IdentityParams } from './identities.get.ts';

/** PATCH /v1/identities/{id}: its keys see the change on their next verification. */
export function registerIdentitiesUpdate(app: App): void {
  app.patch('/v1/identities/:id', {
    config: { auth: 'management', permission: 'identities.write' },
    schema: {
      tags: ['identities'],
      summary: 'Edit an identity',
      description: 'Any of externalId, meta, ratelimits (replaces them all), remaining (replaces the shared counter), refill. In force at the very next verification of its keys.',
      security: managementSecurity,
      params: IdentityParams,
      body: Type.Object({ ...identitySettings, externalId: Type.Optional(identitySettings.externalId) }, { additionalProperties: false }),
      response: { 200: Identity, ...problemResponses },
    },
  }, async (request) => updateIdentity(app.services, actorOf(request), request.params.id, request.body));
}
