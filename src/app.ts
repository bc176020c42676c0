import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.ts';
import { DEFAULT_PASSWORD_COST } from './domain/password.ts';
import { bootstrapFirstAdmin, createLoginThrottle } from './services/auth.ts';
import type { ServiceContext } from './services/context.ts';
import { KeyCache } from './services/key-cache.ts';
import { UsageRecorder } from './services/usage-recorder.ts';
import { UsageLimiter } from './services/usage-limits.ts';
import { UsageAnalytics } from './services/usage-analytics.ts';
import { openStore } from './store/connect.ts';
import { openRedis } from './store/redis-client.ts';
import { openInvalidationBus } from './store/open-invalidation-bus.ts';
import { migrateToLatest } from './store/migrate.ts';
import type { App } from './http/app-types.ts';
import { installAuthentication } from './http/plugins/authentication.ts';
import { installDashboard } from './http/plugins/dashboard.ts';
import { installMetrics } from './http/plugins/metrics.ts';
import { installOpenApi } from './http/plugins/openapi.ts';
import { installProblemHandler, sendClientErrorProblem, sendFrameworkProblem } from './http/plugins/problem-handler.ts';
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
    maxParamLength: 16 * 1024,
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
  };
  app.decorate('services', services);
  app.decorate('config', config);
  app.decorate('loginThrottle', createLoginThrottle(redis ? { redis, prefix: config.redisPrefix } : undefined));
  app.decorate('metrics', installMetrics(app, services.cache, services.limits));

  // Only JSON is accepted; text/plain would otherwise be parsed into a string.
  app.removeContentTypeParser('text/plain');
  app.addSchema(Problem);
  installValidators(app, [Problem as object]);
  installProblemHandler(app);
  // Helmet's default CSP also tells browsers to upgrade every request to HTTPS, which breaks the
  // dashboard for anyone serving Keyward over plain HTTP on their own network; HTTPS deployments
  // get the same effect from HSTS.
  await app.register(helmet, { global: true, contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  await app.register(cookie);
  await installOpenApi(app);
  installAuthentication(app);
  registerOperations(app, store.ping);
  registerApiRoutes(app);
  await installDashboard(app);

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
    await bus?.close();
    redis?.disconnect();
    await usage.close();
    await services.limits.close();
    await services.analytics.close();
    await store.close();
  });

  const instruction = await bootstrapFirstAdmin(services, { username: config.adminUsername, password: config.adminPassword });
  if (instruction) app.log.warn(instruction);
  return app;
}
