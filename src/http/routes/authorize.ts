import { Type } from 'typebox';
import type { VerificationCode } from '../../domain/verification.ts';
import { verifyKey } from '../../services/verification.ts';
import type { App } from '../app-types.ts';
import { clientAddressResolver } from '../client-address.ts';
import { bearerToken } from '../plugins/authentication.ts';
import { sendProblem } from '../plugins/problem-handler.ts';
import { Id, problemResponses, VERIFY_RESPONSE_HEADERS } from '../schemas/common.ts';
import { Permission } from '../schemas/resources.ts';
import { VerifyResult } from './keys.verify.ts';

const Query = Type.Object(
  {
    projectId: Type.Optional(Id('prj')),
    permission: Type.Optional(Type.Array(Permission, { maxItems: 100, description: 'Repeatable; all are required' })),
  },
  { additionalProperties: false },
);

const STATUS: Record<VerificationCode, number> = {
  VALID: 200,
  NOT_FOUND: 401,
  DISABLED: 401,
  EXPIRED: 401,
  IP_NOT_ALLOWED: 403,
  INSUFFICIENT_PERMISSIONS: 403,
  RATE_LIMITED: 429,
  USAGE_EXCEEDED: 429,
};

/** GET /v1/authorize: forward-auth for nginx auth_request, Traefik, Caddy and Envoy. */
export function registerAuthorize(app: App): void {
  const clientAddress = clientAddressResolver(app.config.trustedProxies);
  app.get('/v1/authorize', {
    helmet: false,
    config: { auth: 'verify' },
    schema: {
      tags: ['verification'],
      summary: 'Forward-auth check for reverse proxies',
      description: 'Reads the key from Authorization: Bearer or X-API-Key. 200 (with X-Keyward-Key-Id and X-Keyward-Owner-Id), 401 missing/unknown/disabled/expired, 403 IP or permission, 429 limits (Retry-After). X-Keyward-Code carries the verification code. With KEYWARD_VERIFY_AUTH=required, the proxy sends its management key as X-Keyward-Token.',
      security: [{}],
      querystring: Query,
      response: { 200: VerifyResult, ...problemResponses },
    },
  }, async (request, reply) => {
    reply.headers(VERIFY_RESPONSE_HEADERS);
    const apiKey = request.headers['x-api-key'];
    const token = bearerToken(request.headers.authorization) ?? (typeof apiKey === 'string' ? apiKey : undefined);
    if (!token) {
      reply.header('www-authenticate', 'Bearer realm="keyward"');
      return sendProblem(reply, 401, 'UNAUTHENTICATED', 'No API key: send Authorization: Bearer <key> or X-API-Key.');
    }
    const result = await verifyKey(app.services, {
      key: token.slice(0, 512),
      projectId: request.query.projectId,
      permissions: request.query.permission ?? [],
      ip: clientAddress(request),
    });
    app.metrics.verifications.inc({ code: result.code });
    reply.header('x-keyward-code', result.code);
    const status = STATUS[result.code];
    if (status === 200) {
      reply.header('x-keyward-key-id', result.keyId);
      reply.header('x-keyward-owner-id', result.ownerId ?? '');
      return result;
    }
    if (status === 401) {
      reply.header('www-authenticate', 'Bearer realm="keyward", error="invalid_token"');
      return sendProblem(reply, 401, 'UNAUTHENTICATED', `The API key was refused: ${result.code}.`);
    }
    if (status === 403) return sendProblem(reply, 403, 'FORBIDDEN', `The API key may not do this: ${result.code}.`);
    reply.header('retry-after', '1');
    return sendProblem(reply, 429, 'RATE_LIMITED', `The API key is over its limit: ${result.code}.`);
  });
}
