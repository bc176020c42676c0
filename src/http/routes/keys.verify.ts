import { Type } from 'typebox';
import { isIpAddress } from '../../domain/ip-allowlist.ts';
import { problems } from '../../domain/problem-error.ts';
import { verifyKey } from '../../services/verification.ts';
import type { App } from '../app-types.ts';
import { Id, managementSecurity, Nullable, problemResponses, VERIFY_RESPONSE_HEADERS } from '../schemas/common.ts';
import { Meta, Permission, VerificationCode } from '../schemas/resources.ts';

const Body = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 512, description: 'The token to check' }),
    projectId: Type.Optional(Id('prj')),
    permissions: Type.Optional(Type.Union([Permission, Type.Array(Permission, { maxItems: 100 })], { description: 'All of these are required' })),
    ip: Type.Optional(Type.String({ maxLength: 64, description: "The caller's address, checked against the key's allowlist" })),
  },
  { additionalProperties: false },
);

export const VerifyResult = Type.Object({
  valid: Type.Boolean(),
  code: VerificationCode,
  keyId: Type.Optional(Type.String()),
  projectId: Type.Optional(Type.String()),
  ownerId: Type.Optional(Nullable(Type.String())),
  permissions: Type.Optional(Type.Array(Type.String())),
  expiresAt: Type.Optional(Nullable(Type.String())),
  meta: Type.Optional(Meta),
});

/** POST /v1/keys/verify: always 200 with a code for a well-formed request. */
export function registerKeysVerify(app: App): void {
  app.post('/v1/keys/verify', {
    helmet: false,
    config: { auth: 'verify' },
    schema: {
      tags: ['verification'],
      summary: 'Verify a key',
      description: 'Answers 200 with valid and code for any well-formed request. Needs no credential unless KEYWARD_VERIFY_AUTH=required (then keys.verify).',
      security: [{}, ...managementSecurity],
      body: Body,
      response: { 200: VerifyResult, ...problemResponses },
    },
  }, async (request, reply) => {
    reply.headers(VERIFY_RESPONSE_HEADERS);
    const { key, projectId, permissions, ip } = request.body;
    if (ip !== undefined && !isIpAddress(ip)) {
      throw problems.validation('The body is not valid.', [{ path: '/ip', message: 'must be an IPv4 or IPv6 address' }]);
    }
    const required = permissions === undefined ? [] : Array.isArray(permissions) ? permissions : [permissions];
    const result = await verifyKey(app.services, { key, projectId, permissions: required, ip });
    app.metrics.verifications.inc({ code: result.code });
    return result;
  });
}
