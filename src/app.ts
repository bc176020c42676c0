import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.ts';
import { DEFAULT_PASSWORD_COST } from './domain/password.ts';
import { bootstrapFirstAdmin } from './services/auth.ts';
import { createPasswordGuard } from './services/password-attempts.ts';
import type { ServiceContext } from './services/context.ts';
import { KeyCache } from './services/key-cache.ts';
import { UsageRecorder } from './services/usage-recorder.ts';
import { UsageLimiter } from './services/usage-limits.ts';
import { UsageAnalytics } from './services/usage-analytics.ts';
import { WebhookWorker } from './services/webhook-worker.ts';
import { openStore } from './store/connect.ts';
import { openRedis } from './store/redis-client.ts';
import { openInvalidationBus } from './store/open-invalidation-bus.ts';
import { migrateToLatest } from './store/migrate.ts';
import type { App } from './http/app-types.ts';
import { installAuthentication } from './http/plugins/authentication.ts';
import { installDashboard } from './http/plugins/dashboard.ts';
import { createServer, type RequestListener } from 'node:http';
import { tokenDigester } from './domain/token.ts';
import { verifyFastPath } from './http/verify-fast-path.ts';
import { VerifyBody } from './http/routes/keys.verify.ts';
import { installSecurityHeaders } from './http/plugins/security-headers.ts';
import { installMetrics } from './http/plugins/metrics.ts';
import { installOpenApi } from './http/plugins/openapi.ts';
import { installProblemHandler, refuseMissingHost, refuseUnframedBody, sendClientErrorProblem, sendFrameworkProblem } from './http/plugins/problem-handler.ts';
import { installValidators } from './http/plugins/validation.ts';
import { registerApiRoutes } from './http/routes/index.ts';
import { registerOperations } from './http/routes/operations.ts';
import { serializeRequest } from './http/request-log.ts';
import { Problem } from './http/schemas/common.ts';

export type AppOptions = {
  config: Config;
  /** The server secret (see `resolveSecret`). */
  secret: Buffer;
  /** Milliseconds since the epoch; tests move time with it. */
  clock?: () => number;
  /** scrypt cost for new password hashes (tests lower it to stay quick). */
  passwordCost?: number;
  /** Where log lines go (stdout by default); tests pass a stream to read every line. */
  logStream?: { write: (line: string) => void };
  /** How often `lastUsedAt` is written, in ms. */
  usageFlushMs?: number;
  /**
   * How often webhook deliveries that are due are looked for, in ms (default 1000). 0: only
   * when `app.webhooks.runOnce()` is called, which tests do after moving the clock.
   */
  webhookPollMs?: number;
};

// Secrets travel in these headers; they must never reach a log line.
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-csrf-token"]',
  'req.headers["x-keyward-token"]',
  'res.headers["set-cookie"]',
];

// Management bodies are small; the cap keeps a flood of large bodies cheap to refuse.
const BODY_LIMIT_BYTES = 128 * 1024;

/**
 * Builds the whole service: store (migrated), services and HTTP routes. Only `server.ts`
 * reads the environment and listens; tests build the same app with a temporary database.
 *
 * @example const app = await buildApp({ config: loadConfig({ DATABASE_URL: 'file:/tmp/k.db' }), secret })
 */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config } = options;
  // Pool errors (an idle PostgreSQL connection dropped) are logged, never fatal.
  let frameworkHandler: RequestListener | undefined;
  let fastPath: RequestListener | undefined;
  const store = openStore(config.databaseUrl, (error) => app.log.warn({ err: error }, 'database connection lost; it will be re-opened on demand'));
  await migrateToLatest(store.db, store.dialect);

  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: REDACTED_PATHS,
      // URLs are logged with tokens and free-text query values masked (see request-log.ts).
      serializers: { req: serializeRequest },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    bodyLimit: BODY_LIMIT_BYTES,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    frameworkErrors: sendFrameworkProblem,
    clientErrorHandler: sendClientErrorProblem,
    // A request that reaches the router while the server stops was received before the stop
    // (new connections are refused by then): answer it, not 503 (server.ts, stopOnSignals).
    return503OnClosing: false,
    // Ids are checked by the route schemas (400 naming the field). The router's own cap of 100
    // characters would instead send a long id past its route (to the dashboard's catch-all, a
    // 404); Node's 16 KiB header limit already bounds a URL, and no route uses a regex param.
    routerOptions: { maxParamLength: 16 * 1024 },
    // Fastify's own server, with a listener in front: requests without a knowable body length
    // are refused there, and the verify fast path (see verify-fast-path.ts), set once the
    // routes exist, answers what it can; everything else is Fastify's.
    requestTimeout: config.requestTimeoutMs,
    serverFactory: (handler, options) => {
      frameworkHandler = handler;
      // Fastify's defaults, which it applies itself only to servers it creates.
      const { keepAliveTimeout = 72_000, requestTimeout = 0, connectionTimeout = 0 } = options as { keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number };
      const server = createServer({
        requestTimeout,
        // Node's 60 s for the headers, within the whole request's time.
        headersTimeout: Math.min(60_000, requestTimeout),
        // How often Node looks for requests past their time (its default is 30 s).
        connectionsCheckingInterval: Math.min(30_000, Math.max(250, requestTimeout / 4)),
        // Refused in the listener instead, with a problem body like every other refusal.
        requireHostHeader: false,
      }, (request, response) => {
        if (!refuseMissingHost(request, response) && !refuseUnframedBody(request, response)) (fastPath ?? handler)(request, response);
      });
      server.keepAliveTimeout = keepAliveTimeout;
      server.setTimeout(connectionTimeout);
      return server;
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const redis = config.redisUrl ? openRedis(config.redisUrl, (error) => app.log.debug({ err: error }, 'redis error')) : undefined;
  const usage = new UsageRecorder(store.db, {
    intervalMs: options.usageFlushMs ?? 1000,
    onError: (error) => app.log.error({ err: error }, 'writing lastUsedAt failed; will retry'),
  });
  const services: ServiceContext = {
    db: store.db,
    dialect: store.dialect,
    write: store.write,
    secret: options.secret,
    tokenDigest: tokenDigester(options.secret),
    clock: options.clock ?? Date.now,
    cache: new KeyCache({ max: 200_000, negativeTtlMs: 30_000 }),
    usage,
    // One node on SQLite counts in memory; several nodes count in Redis, or without Redis in
    // the database itself (exact, one write per limited verification).
    limits: new UsageLimiter({
      db: store.db,
      mode: redis ? 'redis' : store.dialect === 'sqlite' ? 'memory' : 'database',
      redis,
      prefix: config.redisPrefix,
      flushMs: options.usageFlushMs ?? 1000,
      onFallback: (error) => app.log.warn({ err: error }, 'redis unavailable: quotas are counted in the database meanwhile'),
      onError: (error) => app.log.error({ err: error }, 'writing quotas failed; will retry'),
    }),
    analytics: new UsageAnalytics(store.db, {
      flushMs: options.usageFlushMs ?? 1000,
      clock: options.clock ?? Date.now,
      onError: (error) => app.log.error({ err: error }, 'writing usage counts failed'),
    }),
    passwordCost: options.passwordCost ?? DEFAULT_PASSWORD_COST,
    allowPrivateWebhooks: config.webhookAllowPrivate,
  };
  app.decorate('services', services);
  app.decorate('config', config);
  const passwordGuard = createPasswordGuard(redis ? { redis, prefix: config.redisPrefix } : undefined);
  app.decorate('passwordGuard', passwordGuard);
  app.decorate('metrics', installMetrics(app, services.cache, services.limits, passwordGuard.checks));
  // Expiry notices are scanned for at start and every minute; due deliveries every second.
  const webhooks = new WebhookWorker(services, { pollMs: options.webhookPollMs ?? 1000, scanMs: 60_000, log: app.log });
  app.decorate('webhooks', webhooks);

  // Only JSON is accepted; text/plain would otherwise be parsed into a string.
  app.removeContentTypeParser('text/plain');
  app.addSchema(Problem);
  const validators = installValidators(app, [Problem as object]);
  installProblemHandler(app);
  // Helmet's default CSP also tells browsers to upgrade every request to HTTPS, which breaks the
  // dashboard for anyone serving Keyward over plain HTTP on their own network; HTTPS deployments
  // get the same effect from HSTS.
  installSecurityHeaders(app, { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  await app.register(cookie);
  await installOpenApi(app);
  installAuthentication(app);
  registerOperations(app, store.ping);
  registerApiRoutes(app);
  await installDashboard(app);
  if (config.verifyAuth === 'none') fastPath = verifyFastPath(app, validators.compileBody(VerifyBody), frameworkHandler!);

  // Several nodes: changes made on one reach the others' caches. While the bus is down the
  // cache is bypassed (see KeyCache.attach); entries also expire after a minute, as a bound.
  const bus = openInvalidationBus(config, store, (error) => app.log.debug({ err: error }, 'invalidation bus error'));
  if (bus) {
    services.cache.attach(bus, { positiveTtlMs: 60_000 });
    bus.onHealth((healthy) =>
      healthy
        ? app.log.info('invalidation bus connected: the key cache is in use')
        : app.log.warn('invalidation bus lost: answering from the database until it is back'),
    );
  }

  app.addHook('onClose', async () => {
    // First, while the store is open: sends in flight are abandoned (their leases run out).
    await webhooks.close();
    await bus?.close();
    redis?.disconnect();
    await usage.close();
    await services.limits.close();
    await services.analytics.close();
    await store.close();
  });

  const instruction = await bootstrapFirstAdmin(services, { username: config.adminUsername, password: config.adminPassword });
  if (instruction) app.log.warn(instruction);
  webhooks.start();
  return app;
}
