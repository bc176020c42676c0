import type { FastifyReply, FastifyRequest } from 'fastify';
import { createRequestGuard, ratelimitsFor, type GuardOptions, type KeywardIdentity, type RatelimitsOption, type VerifiedKey } from './request-guard.ts';

export type { GuardOptions, KeywardIdentity, RatelimitsOption, VerifiedKey };

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified key's id, owner, permissions and identity; set by `keywardAuth()` before the handler runs. */
    keyward?: VerifiedKey;
  }
}

export type FastifyKeywardOptions = Omit<GuardOptions, 'ratelimits'> & {
  /** The caller's address, checked against the key's IP allowlist (default `request.ip`; mind Fastify's `trustProxy`). */
  ip?: (request: FastifyRequest) => string | undefined;
  /**
   * Named limits the route spends (`[{ name: 'tokens', cost: 5 }]`), or a function of the
   * request answering them (in `preHandler` the body is parsed already; in `onRequest` it is not).
   */
  ratelimits?: RatelimitsOption<FastifyRequest>;
};

/**
 * A Fastify `onRequest`/`preHandler` hook: lets a request through only with a valid API key
 * (from `Authorization: Bearer` or `X-API-Key`) holding `permissions` and within its limits,
 * and puts the verified key (its id, owner, permissions, meta and identity) on
 * `request.keyward`. Otherwise it answers a 401/403/429 problem, or 503 when Keyward cannot be
 * reached.
 *
 * @example
 * app.get('/orders', { preHandler: keywardAuth({ keyward: { baseUrl }, permissions: ['orders.read'] }) },
 *   async (request) => ({ customer: request.keyward?.identity?.externalId }))
 */
export function keywardAuth(options: FastifyKeywardOptions): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const { ratelimits, ip, ...guardOptions } = options;
  const guard = createRequestGuard(guardOptions);
  const ipOf = ip ?? ((request: FastifyRequest) => request.ip);
  return async function keywardAuth(request, reply) {
    const apiKey = request.headers['x-api-key'];
    const outcome = await guard({
      authorization: request.headers.authorization,
      apiKey: typeof apiKey === 'string' ? apiKey : undefined,
      ip: ipOf(request),
      ratelimits: ratelimitsFor(ratelimits, request),
    });
    if (outcome.ok) {
      request.keyward = outcome.key;
      return;
    }
    // An async hook that answers waits for the reply, so Fastify ends the chain here.
    await reply.code(outcome.status).headers(outcome.headers).send(outcome.problem);
  };
}
