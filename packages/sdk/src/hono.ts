import type { Context, MiddlewareHandler } from 'hono';
import { createRequestGuard, ratelimitsFor, type GuardOptions, type KeywardIdentity, type RatelimitsOption, type VerifiedKey } from './request-guard.ts';

export type { GuardOptions, KeywardIdentity, RatelimitsOption, VerifiedKey };

/** The context variables `keywardAuth()` sets: `c.get('keyward')`. */
export type KeywardVariables = { keyward: VerifiedKey };

export type HonoKeywardOptions = Omit<GuardOptions, 'ratelimits'> & {
  /**
   * The caller's address, checked against the key's IP allowlist. Hono has no runtime-neutral
   * way to know it, so none is sent unless given (on Node: `getConnInfo(c).remote.address`).
   */
  ip?: (c: Context) => string | undefined;
  /** Named limits the route spends (`[{ name: 'tokens', cost: 5 }]`), or a function of the context answering them. */
  ratelimits?: RatelimitsOption<Context>;
};

/**
 * Hono middleware: lets a request through only with a valid API key (from
 * `Authorization: Bearer` or `X-API-Key`) holding `permissions` and within its limits, and sets
 * the verified key (its id, owner, permissions, meta and identity) as `c.get('keyward')`.
 * Otherwise it answers a 401/403/429 problem, or 503 when Keyward cannot be reached.
 *
 * @example
 * const app = new Hono<{ Variables: KeywardVariables }>()
 * app.use('/orders/*', keywardAuth({ keyward: { baseUrl }, permissions: ['orders.read'] }))
 * app.get('/orders', (c) => c.json({ customer: c.get('keyward').identity?.externalId }))
 */
export function keywardAuth(options: HonoKeywardOptions): MiddlewareHandler<{ Variables: KeywardVariables }> {
  const { ratelimits, ip, ...guardOptions } = options;
  const guard = createRequestGuard(guardOptions);
  return async (c, next) => {
    const outcome = await guard({
      authorization: c.req.header('authorization'),
      apiKey: c.req.header('x-api-key'),
      ip: ip?.(c),
      ratelimits: ratelimitsFor(ratelimits, c),
    });
    if (!outcome.ok) return c.body(JSON.stringify(outcome.problem), outcome.status, outcome.headers);
    c.set('keyward', outcome.key);
    await next();
  };
}
