import { Type } from 'typebox';
import { getIdentity } from '../../services/identities.ts';
import type { App } from '../app-types.ts';
import { Id, managementSecurity, problemResponses } from '../schemas/common.ts';
import { Identity } from '../schemas/resources.ts';

export const IdentityParams = Type.Object({ id: Id('idt') });

/** GET /v1/identities/{id} */
export function registerIdentitiesGet(app: App): void {
  app.get('/v1/identities/:id', {
    config: { auth: 'management', permission: 'identities.read' },
    schema: { tags: ['identities'], summary: 'Get an identity', security: managementSecurity, params: IdentityParams, response: { 200: Identity, ...problemResponses } },
  }, async (request) => getIdentity(app.services, request.params.id));
}
