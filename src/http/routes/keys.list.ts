import { Type } from 'typebox';
import { listVisibleKeys } from '../../services/keys.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { Id, managementSecurity, PageOf, PageQuery, problemResponses } from '../schemas/common.ts';
import { Key } from '../schemas/resources.ts';

const Query = Type.Object(
  {
    projectId: Type.Optional(Id('prj')),
    ownerId: Type.Optional(Id('usr')),
    owner: Type.Optional(Type.String({ maxLength: 64, description: 'Owner username' })),
    identityId: Type.Optional(Id('idt')),
    externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: "The identity's external id" })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('inactive'), Type.Literal('expired')])),
    expiresBefore: Type.Optional(Type.String({
      format: 'date-time',
      examples: ['2026-03-22T14:30:00.000Z'],
      description: 'Only keys whose expiry is before this instant and that have not expired yet (with status=expired: those that have); keys that never expire are left out',
    })),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name, description or key start (case-insensitive); total then counts up to 1,000 matches' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

/** A page of keys; a search counts its matches up to 1,000 (a word every key shares matches them all). */
const KeyPage = Type.Object({
  ...PageOf(Key).properties,
  totalCapped: Type.Optional(Type.Literal(true, {
    description: 'Present when a search (q) matches more keys than it counts (1,000): total is then 1,000, a lower bound',
  })),
});

/** GET /v1/keys: newest first; members see only keys they own or created. */
export function registerKeysList(app: App): void {
  app.get('/v1/keys', {
    config: { auth: 'management', permission: 'keys.read' },
    schema: {
      tags: ['keys'],
      summary: 'List keys',
      description: 'Newest first. Members see only keys they own or created; admins see all. expiresBefore=<ISO datetime> lists the keys that stop working before then (e.g. now + 7 days).',
      security: managementSecurity,
      querystring: Query,
      response: { 200: KeyPage, ...problemResponses },
    },
  }, async (request) => listVisibleKeys(app.services, actorOf(request), { ...request.query, limit: request.query.limit ?? 20 }));
}
