import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config.ts';
import type { Actor } from '../services/actor.ts';
import type { PasswordGuard } from '../services/password-attempts.ts';
import type { PortalScope } from '../services/portal.ts';
import type { ServiceContext } from '../services/context.ts';
import type { WebhookWorker } from '../services/webhooks/webhook-worker.ts';
import type { Metrics } from './plugins/metrics.ts';

/** The Fastify instance with TypeBox types: what every route registers on. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** How a route is guarded. */
export type RouteAuth =
  /** No credential (sign-in, health, docs). */
  | 'public'
  /** A session or management key holding `permission`. */
  | 'management'
  /** Public unless KEYWARD_VERIFY_AUTH=required, then like management with keys.verify. */
  | 'verify'
  /** A self-service portal session (its cookie only: no management credential answers here). */
  | 'portal';

declare module 'fastify' {
  interface FastifyInstance {
    services: ServiceContext;
    /** Password attempt counters and the gate in front of password hashing. */
    passwordGuard: PasswordGuard;
    config: Config;
    metrics: Metrics;
    /** Expiry scans and webhook deliveries; `runOnce()` does a round now. */
    webhooks: WebhookWorker;
    /** The dashboard's index.html, once it is built and served (see plugins/dashboard.ts). */
    dashboardPage?: Buffer;
  }
  interface FastifyRequest {
    /** Set by the authentication hook on guarded routes. */
    actor: Actor | undefined;
    /** The session's CSRF token when the caller uses a session cookie. */
    csrfToken: string | undefined;
    /** Set by the portal guard: what the portal session may reach. */
    portal: PortalScope | undefined;
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
    permission?: string;
    /** false: answer without helmet's headers (the verification routes send their own). */
    securityHeaders?: false;
  }
}
