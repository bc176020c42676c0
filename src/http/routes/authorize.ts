import { Type } from 'typebox';
import { MAX_QUERY_LENGTH } from '../../domain/permission-query.ts';
import { parsedRequirement } from '../permission-requirement.ts';
import type { VerificationCode } from '../../domain/verification.ts';
import { verifyKey } from '../../services/verification.ts';
import type { App } from '../app-types.ts';
import { clientAddressResolver } from '../client-address.ts';
import { bearerToken } from '../plugins/authentication.ts';
import { sendProblem } from '../plugins/problem-handler.ts';
import { Id, problemResponses, VERIFY_RESPONSE_HEADERS } from '../schemas/common.ts';
import { VerifyResult } from './keys.verify.ts';

const Query = Type.Object(
  {
    projectId: Type.Optional(Id('prj')),
    permission: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: MAX_QUERY_LENGTH }), {
      maxItems: 100,
      description: 'Repeatable; all are required. Each is a permission or a query (`orders.read AND (refunds.create OR refunds.admin)`); at most 100 names in all',
    })),
  },
  { additionalProperties: false },
);

const QUOTA_RETRY_AFTER_SECONDS = 3600;

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
    config: { auth: 'verify', securityHeaders: false },
    schema: {
      tags: ['verification'],
      summary: 'Forward-auth check for reverse proxies',
      description: 'Reads the key from Authorization: Bearer or X-API-Key. 200 (with X-Keyward-Key-Id and X-Keyward-Owner-Id, and X-Keyward-External-Id (percent-encoded) when the key belongs to an identity), 401 missing/unknown/disabled/expired, 403 IP or permission, 429 limits (Retry-After). X-Keyward-Code carries the verification code. With KEYWARD_VERIFY_AUTH=required, the proxy sends its management key as X-Keyward-Token.',
      security: [{}],
      querystring: Query,
      response: { 200: VerifyResult, ...problemResponses },
    },
  }, async (request, reply) => {
    reply.headers(VERIFY_RESPONSE_HEADERS);
    // A malformed query is the proxy's configuration at fault, whatever key the client sent.
    const required = request.query.permission ? parsedRequirement(request.query.permission, (i) => `/permission/${i}`) : undefined;
    const apiKey = request.headers['x-api-key'];
    const token = bearerToken(request.headers.authorization) ?? (typeof apiKey === 'string' ? apiKey : undefined);
    if (!token) {
      reply.header('www-authenticate', 'Bearer realm="keyward"');
      return sendProblem(reply, 401, 'UNAUTHENTICATED', 'No API key: send Authorization: Bearer <key> or X-API-Key.');
    }
    const result = await verifyKey(app.services, {
      key: token.slice(0, 512),
      projectId: request.query.projectId,
      permissions: required?.all ?? [],
      query: required?.query,
      ip: clientAddress(request),
    });
    app.metrics.countVerification(result.code);
    reply.header('x-keyward-code', result.code);
    const status = STATUS[result.code];
    if (status === 200) {
      reply.header('x-keyward-key-id', result.keyId);
      reply.header('x-keyward-owner-id', result.ownerId ?? '');
      if (result.identity) reply.header('x-keyward-external-id', encodeURIComponent(result.identity.externalId));
      return result;
    }
    if (status === 401) {
      reply.header('www-authenticate', 'Bearer realm="keyward", error="invalid_token"');
      return sendProblem(reply, 401, 'UNAUTHENTICATED', `The API key was refused: ${result.code}.`);
    }
    if (status === 403) return sendProblem(reply, 403, 'FORBIDDEN', `The API key may not do this: ${result.code}.`);
    // A rate limit says when room frees up (the latest of the limits exceeded); a spent quota
    // has no such moment we can promise (a refill, if any, is at the next UTC day or month), so
    // clients are asked to wait a while.
    const exceeded = result.code === 'RATE_LIMITED' ? (result.ratelimits ?? []).filter((limit) => limit.exceeded) : [];
    const retryAfter = exceeded.length > 0
      ? Math.max(1, Math.ceil((Math.max(...exceeded.map((limit) => Date.parse(limit.resetAt))) - app.services.clock()) / 1000))
      : QUOTA_RETRY_AFTER_SECONDS;
    reply.header('retry-after', String(retryAfter));
    return sendProblem(reply, 429, result.code, result.code === 'RATE_LIMITED'
      ? `The API key is over its rate limit; try again in ${retryAfter} seconds.`
      : 'The API key has spent its quota.');
  });
}
