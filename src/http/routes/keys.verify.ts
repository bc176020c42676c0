import { Type, type Static } from 'typebox';
import { isIpAddress } from '../../domain/ip-allowlist.ts';
import { LIMIT_NAME_PATTERN, MAX_NAMED_LIMITS } from '../../domain/named-limits.ts';
import { MAX_QUERY_LENGTH, type PermissionRequirement } from '../../domain/permission-query.ts';
import { parsedRequirement } from '../permission-requirement.ts';
import { problems } from '../../domain/problem-error.ts';
import { verifyKey, type VerifyInput } from '../../services/verification.ts';
import type { App } from '../app-types.ts';
import { Id, managementSecurity, Nullable, problemResponses, VERIFY_RESPONSE_HEADERS } from '../schemas/common.ts';
import { Meta, Permission, VerificationCode } from '../schemas/resources.ts';

const PermissionQuery = Type.String({
  minLength: 1,
  maxLength: MAX_QUERY_LENGTH,
  description: 'One permission, or a query: names joined by AND / OR (AND binds tighter; case-insensitive), with parentheses; at most 100 names',
  examples: ['orders.read', 'orders.read AND (refunds.create OR refunds.admin)'],
});

export const VerifyBody = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 512, description: 'The token to check' }),
    projectId: Type.Optional(Id('prj')),
    permissions: Type.Optional(Type.Union([PermissionQuery, Type.Array(Permission, { maxItems: 100 })], { description: 'A permission or permission query, or a list of permissions all of which are required' })),
    ip: Type.Optional(Type.String({ maxLength: 64, description: "The caller's address, checked against the key's allowlist" })),
    cost: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, default: 1, description: 'How much of the key\'s remaining quota this verification spends (0: none)' })),
    ratelimits: Type.Optional(Type.Array(
      Type.Object({ name: Type.String({ pattern: LIMIT_NAME_PATTERN }), cost: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })) }, { additionalProperties: false }),
      { maxItems: MAX_NAMED_LIMITS * 2, description: "Named limits to apply beyond the automatic ones, each with its cost (default 1): the key's by that name, else its identity's (shared by all its keys); a name neither has applies nothing" },
    )),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 64, pattern: '^[^\\u0000]*$' }), { maxItems: 20, description: 'Labels counted by the hour with the key\'s usage (GET /v1/keys/{id}/usage), for VALID answers only: the tags of any other answer are not kept. A key keeps at most 100 distinct tags per hour; a new tag after that, in that hour, is counted under `_other`, while the tags already kept keep counting (`_other` sent as a tag is counted there too).', examples: [['GET /orders', 'region:eu']] })),
  },
  { additionalProperties: false },
);

export type VerifyRequestBody = Static<typeof VerifyBody>;

/**
 * The permissions a request asks for: a list is "all of these"; a string is one permission or
 * a query. A malformed query is a 400 naming the position of the error.
 */
function requirementOfBody(permissions: string | string[] | undefined): PermissionRequirement {
  if (permissions === undefined) return { all: [] };
  if (Array.isArray(permissions)) return { all: permissions };
  return parsedRequirement([permissions], () => '/permissions');
}

export const VerifyResult = Type.Object({
  valid: Type.Boolean(),
  code: VerificationCode,
  keyId: Type.Optional(Type.String()),
  projectId: Type.Optional(Type.String()),
  ownerId: Type.Optional(Nullable(Type.String())),
  permissions: Type.Optional(Type.Array(Type.String())),
  expiresAt: Type.Optional(Nullable(Type.String())),
  meta: Type.Optional(Meta),
  ratelimit: Type.Optional(Type.Object({ limit: Type.Integer(), remaining: Type.Integer(), resetAt: Type.String({ format: 'date-time' }) }, { description: 'The key\'s limit named default (the single rate limit)' })),
  ratelimits: Type.Optional(Type.Array(Type.Object({
    name: Type.String(),
    limit: Type.Integer(),
    remaining: Type.Integer({ description: 'What could still pass now' }),
    resetAt: Type.String({ format: 'date-time', description: 'When the oldest counted use leaves the window, freeing room' }),
    exceeded: Type.Boolean(),
  }), { description: 'Every named limit that applied (the key\'s, then its identity\'s); the first exceeded gives RATE_LIMITED' })),
  remaining: Type.Optional(Type.Integer({ description: "What is left of the quota after this call: the key's, else its identity's" })),
  identity: Type.Optional(Type.Object({ id: Type.String(), externalId: Type.String(), meta: Meta }, { description: 'The identity (your customer) the key belongs to' })),
});

/**
 * What a verify body (already checked by its schema) asks of `verifyKey`. An address that is
 * not one, or a malformed permission query, is a 400 (thrown), as the schema cannot say so.
 */
export function verifyInputOf(body: VerifyRequestBody): VerifyInput {
  const { key, projectId, permissions, ip, cost, tags, ratelimits } = body;
  if (ip !== undefined && !isIpAddress(ip)) {
    throw problems.validation('The body is not valid.', [{ path: '/ip', message: 'must be an IPv4 or IPv6 address' }]);
  }
  const required = requirementOfBody(permissions);
  return { key, projectId, permissions: required.all, query: required.query, ip, cost, tags, ratelimits };
}

/** POST /v1/keys/verify: always 200 with a code for a well-formed request. */
export function registerKeysVerify(app: App): void {
  app.post('/v1/keys/verify', {
    config: { auth: 'verify', securityHeaders: false },
    schema: {
      tags: ['verification'],
      summary: 'Verify a key',
      description: 'Answers 200 with valid and code for any well-formed request. Needs no credential unless KEYWARD_VERIFY_AUTH=required (then keys.verify).',
      security: [{}, ...managementSecurity],
      body: VerifyBody,
      response: { 200: VerifyResult, ...problemResponses },
    },
    // The answer is built field by field in verifyKey, so it already has the schema's shape;
    // JSON.stringify writes it faster than the schema's compiled serializer (measured with the
    // bench), and the schema still documents it.
    serializerCompiler: () => JSON.stringify,
  }, async (request, reply) => {
    reply.headers(VERIFY_RESPONSE_HEADERS);
    const result = await verifyKey(app.services, verifyInputOf(request.body));
    app.metrics.countVerification(result.code);
    return result;
  });
}
