import type { Request, RequestHandler } from 'express';
import { createRequestGuard, ratelimitsFor, type GuardOptions, type KeywardIdentity, type RatelimitsOption, type VerifiedKey } from './request-guard.ts';

export type { GuardOptions, KeywardIdentity, RatelimitsOption, VerifiedKey };

declare global {
  // Express's own extension point for fields middleware adds to every request.
  namespace Express {
    interface Request {
      /** The verified key's id, owner, permissions and identity; set by `keywardAuth()` before the route runs. */
      keyward?: VerifiedKey;
    }
  }
}

export type ExpressKeywardOptions = Omit<GuardOptions, 'ratelimits'> & {
  /** The caller's address, checked against the key's IP allowlist (default `request.ip`; mind Express's `trust proxy`). */
  ip?: (request: Request) => string | undefined;
  /** Named limits the route spends (`[{ name: 'tokens', cost: 5 }]`), or a function of the request answering them. */
  ratelimits?: RatelimitsOption<Request>;
};

/**
 * Express middleware: lets a request through only with a valid API key (from
 * `Authorization: Bearer` or `X-API-Key`) holding `permissions` and within its limits, and puts
 * the verified key (its id, owner, permissions, meta and identity) on `request.keyward`.
 * Otherwise it answers a 401/403/429 problem, or 503 when Keyward cannot be reached.
 *
 * @example
 * app.use('/orders', keywardAuth({ keyward: { baseUrl: 'http://127.0.0.1:8080' }, permissions: ['orders.read'] }))
 * app.get('/orders', (request, response) => response.json({ customer: request.keyward?.identity?.externalId }))
 */
export function keywardAuth(options: ExpressKeywardOptions): RequestHandler {
  const { ratelimits, ip, ...guardOptions } = options;
  const guard = createRequestGuard(guardOptions);
  const ipOf = ip ?? ((request: Request) => request.ip);
  return (request, response, next) => {
    const apiKey = request.headers['x-api-key'];
    guard({
      authorization: request.headers.authorization,
      apiKey: typeof apiKey === 'string' ? apiKey : undefined,
      ip: ipOf(request),
      ratelimits: ratelimitsFor(ratelimits, request),
    }).then(
      (outcome) => {
        if (outcome.ok) {
          request.keyward = outcome.key;
          next();
          return;
        }
        response.status(outcome.status).set(outcome.headers).send(JSON.stringify(outcome.problem));
      },
      next,
    );
  };
}
