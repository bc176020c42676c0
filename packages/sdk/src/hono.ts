import type { Context, MiddlewareHandler } from 'hono';
import { createRequestGuard, type GuardOptions, type KeywardIdentity } from './request-guard.ts';

export type { GuardOptions, KeywardIdentity };

/** The context variables `keywardAuth()` sets: `c.get('keyward')`. */
export type KeywardVariables = { keyward: KeywardIdentity };

export type HonoKeywardOptions = GuardOptions & {
  /**
   * The caller's address, checked against the key's IP allowlist. Hono has no runtime-neutral
   * way to know it, so none is sent unless given (on Node: `getConnInfo(c).remote.address`).
   */
  ip?: (c: Context) => string | undefined;
};

/**
 * Hono middleware: lets a request through only with a valid API key (from
 * `Authorization: Bearer` or `X-API-Key`) holding `permissions`, and sets the key's identity
 * as `c.get('keyward')`. Otherwise it answers a 401/403/429 problem, or 503 when Keyward cannot
 * be reached.
 *
 * @example
 * const app = new Hono<{ Variables: KeywardVariables }>()
 * app.use('/orders/*', keywardAuth({ keyward: { baseUrl }, permissions: ['orders.read'] }))
 * app.get('/orders', (c) => c.json({ owner: c.get('keyward').ownerId }))
 */
export function keywardAuth(options: HonoKeywardOptions): MiddlewareHandler<{ Variables: KeywardVariables }> {
  const guard = createRequestGuard(options);
  return async (c, next) => {
    const outcome = await guard({ authorization: c.req.header('authorization'), apiKey: c.req.header('x-api-key'), ip: options.ip?.(c) });
    if (!outcome.ok) return c.body(JSON.stringify(outcome.problem), outcome.status, outcome.headers);
    c.set('keyward', outcome.identity);
    await next();
  };
}
