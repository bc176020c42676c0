import type { FastifyReply, FastifyRequest } from 'fastify';
import { createRequestGuard, type GuardOptions, type KeywardIdentity } from './request-guard.ts';

export type { GuardOptions, KeywardIdentity };

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified key's id, owner and permissions; set by `keywardAuth()` before the handler runs. */
    keyward?: KeywardIdentity;
  }
}

export type FastifyKeywardOptions = GuardOptions & {
  /** The caller's address, checked against the key's IP allowlist (default `request.ip`; mind Fastify's `trustProxy`). */
  ip?: (request: FastifyRequest) => string | undefined;
};

/**
 * A Fastify `onRequest`/`preHandler` hook: lets a request through only with a valid API key
 * (from `Authorization: Bearer` or `X-API-Key`) holding `permissions`, and puts the key's
 * identity on `request.keyward`. Otherwise it answers a 401/403/429 problem, or 503 when
 * Keyward cannot be reached.
 *
 * @example
 * app.get('/orders', { preHandler: keywardAuth({ keyward: { baseUrl }, permissions: ['orders.read'] }) },
 *   async (request) => ({ owner: request.keyward?.ownerId }))
 */
export function keywardAuth(options: FastifyKeywardOptions): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const guard = createRequestGuard(options);
  const ipOf = options.ip ?? ((request: FastifyRequest) => request.ip);
  return async function keywardAuth(request, reply) {
    const apiKey = request.headers['x-api-key'];
    const outcome = await guard({ authorization: request.headers.authorization, apiKey: typeof apiKey === 'string' ? apiKey : undefined, ip: ipOf(request) });
    if (outcome.ok) {
      request.keyward = outcome.identity;
      return;
    }
    // An async hook that answers waits for the reply, so Fastify ends the chain here.
    await reply.code(outcome.status).headers(outcome.headers).send(outcome.problem);
  };
}
