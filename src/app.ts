import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.ts';
import { bootstrapFirstAdmin } from './services/auth.ts';
import { createServices } from './services/create-services.ts';
import type { KeyHashScan } from './store/key-hash-filter.ts';
import type { App } from './http/app-types.ts';
import type { Store } from './store/store.ts';
import { installAuthentication } from './http/plugins/authentication.ts';
import { installDashboard } from './http/plugins/dashboard.ts';
import { createServer, type RequestListener } from 'node:http';
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
import type { Tracing } from './tracing.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The open store, for tests that read what was written (`app.store.db`); routes use services. */
    store: Store;
  }
}

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
  /** Tracing, when the environment turned it on (`startTracing`); shut down with the app. */
  tracing?: Tracing;
  /** How the embedded store's filter of token hashes is filled at start (tests step it). */
  keyHashScan?: KeyHashScan;
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
  let frameworkHandler: RequestListener | undefined;
  let fastPath: RequestListener | undefined;

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

  const services = await createServices(config, {
    secret: options.secret,
    log: app.log,
    clock: options.clock,
    passwordCost: options.passwordCost,
    usageFlushMs: options.usageFlushMs,
    webhookPollMs: options.webhookPollMs,
    traceStatement: options.tracing?.traceStatement,
    keyHashScan: options.keyHashScan,
  });
  app.addHook('onClose', () => services.close());
  app.decorate('services', services.ctx);
  app.decorate('store', services.store);
  app.decorate('config', config);
  app.decorate('passwordGuard', services.passwordGuard);
  app.decorate('metrics', installMetrics(app, services.ctx.cache, services.ctx.limits, services.passwordGuard.checks, services.store.statements, services.store.keyHashes));
  app.decorate('webhooks', services.webhooks);

  // Only JSON is accepted; text/plain would otherwise be parsed into a string.
  app.removeContentTypeParser('text/plain');
  app.addSchema(Problem);
  const validators = installValidators(app, [Problem as object]);
  installProblemHandler(app);
  // Helmet's default CSP also tells browsers to upgrade every request to HTTPS, which breaks the
  // dashboard for anyone serving Keyward over plain HTTP on their own network; HTTPS deployments
  // get the same effect from HSTS.
  installSecurityHeaders(app, { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }, { frameAncestors: config.portalFrameAncestors });
  await app.register(cookie);
  await installOpenApi(app);
  installAuthentication(app);
  registerOperations(app, services.store.ping);
  registerApiRoutes(app);
  await installDashboard(app);
  if (config.verifyAuth === 'none') fastPath = verifyFastPath(app, validators.compileBody(VerifyBody), frameworkHandler!, options.tracing?.traceVerify);
  // The spans of the last requests are sent before the process ends.
  const tracing = options.tracing;
  if (tracing) app.addHook('onClose', () => tracing.shutdown());

  const instruction = await bootstrapFirstAdmin(services.ctx, { username: config.adminUsername, password: config.adminPassword });
  if (instruction) app.log.warn(instruction);
  return app;
}
