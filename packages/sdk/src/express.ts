import type { Request, RequestHandler } from 'express';
import { createRequestGuard, type GuardOptions, type KeywardIdentity } from './request-guard.ts';

export type { GuardOptions, KeywardIdentity };

declare global {
  // Express's own extension point for fields middleware adds to every request.
  namespace Express {
    interface Request {
      /** The verified key's id, owner and permissions; set by `keywardAuth()` before the route runs. */
      keyward?: KeywardIdentity;
    }
  }
}

export type ExpressKeywardOptions = GuardOptions & {
  /** The caller's address, checked against the key's IP allowlist (default `request.ip`; mind Express's `trust proxy`). */
  ip?: (request: Request) => string | undefined;
};

/**
 * Express middleware: lets a request through only with a valid API key (from
 * `Authorization: Bearer` or `X-API-Key`) holding `permissions`, and puts the key's identity on
 * `request.keyward`. Otherwise it answers a 401/403/429 problem, or 503 when Keyward cannot
 * be reached.
 *
 * @example
 * app.use('/orders', keywardAuth({ keyward: { baseUrl: 'http://127.0.0.1:8080' }, permissions: ['orders.read'] }))
 * app.get('/orders', (request, response) => response.json({ owner: request.keyward?.ownerId }))
 */
export function keywardAuth(options: ExpressKeywardOptions): RequestHandler {
  const guard = createRequestGuard(options);
  const ipOf = options.ip ?? ((request: Request) => request.ip);
  return (request, response, next) => {
    const apiKey = request.headers['x-api-key'];
    guard({ authorization: request.headers.authorization, apiKey: typeof apiKey === 'string' ? apiKey : undefined, ip: ipOf(request) }).then(
      (outcome) => {
        if (outcome.ok) {
          request.keyward = outcome.identity;
          next();
          return;
        }
        response.status(outcome.status).set(outcome.headers).send(JSON.stringify(outcome.problem));
      },
      next,
    );
  };
}
