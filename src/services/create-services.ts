import type { Config } from '../config.ts';
import { DEFAULT_PASSWORD_COST } from '../domain/password.ts';
import { tokenDigester } from '../domain/token.ts';
import { KeyCache } from '../runtime/cache/key-cache.ts';
import { openInvalidationBus } from '../runtime/cache/open-invalidation-bus.ts';
import { openRedis } from '../runtime/redis-client.ts';
import { UsageLimiter } from '../runtime/usage/usage-limits.ts';
import { USAGE_COUNTS_FLUSH_MS, UsageAnalytics } from '../runtime/usage/usage-analytics.ts';
import { LAST_USED_FLUSH_MS, UsageRecorder } from '../runtime/usage/usage-recorder.ts';
import { VerificationLog, VERIFICATIONS_FLUSH_MS } from '../runtime/usage/verification-log.ts';
import { openStore, type StatementTracer, type Store } from '../store/connect.ts';
import type { KeyHashScan } from '../store/key-hash-filter.ts';
import { migrateToLatest } from '../store/migrate.ts';
import type { ServiceContext, ServiceLog } from './context.ts';
import { createPasswordGuard, type PasswordGuard } from './password-attempts.ts';
import { WebhookWorker } from './webhooks/webhook-worker.ts';

export type ServiceOptions = {
  /** The server secret (see `resolveSecret`). */
  secret: Buffer;
  log: ServiceLog;
  /** Milliseconds since the epoch; tests move time with it. */
  clock?: () => number;
  /** scrypt cost for new password hashes (tests lower it to stay quick). */
  passwordCost?: number;
  /** How often what verification counts is written behind, in ms (default 1000). */
  usageFlushMs?: number;
  /**
   * How often due webhook deliveries are looked for, in ms (default 1000). 0: only when
   * `webhooks.runOnce()` is called, which tests do after moving the clock.
   */
  webhookPollMs?: number;
  /**
   * Whether the background work runs: webhook deliveries and expiry notices, and listening to
   * other nodes' changes. A one-off command (`keyward admin create`) needs none of it.
   */
  background?: boolean;
  /** With tracing on, what runs each SQLite statement in a span (src/telemetry.ts). */
  traceStatement?: StatementTracer;
  /** How the embedded store's filter of token hashes is filled at start (tests step it). */
  keyHashScan?: KeyHashScan;
};

/** Brings the schema of the database a URL names up to date (`keyward migrate`). */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const store = openStore(databaseUrl);
  try {
    await migrateToLatest(store.db, store.dialect);
  } finally {
    await store.close();
  }
}

/** Everything the HTTP app and the CLI call, and the one `close()` that ends it all. */
export type Services = {
  ctx: ServiceContext;
  store: Store;
  passwordGuard: PasswordGuard;
  webhooks: WebhookWorker;
  /** Closes every resource, the last made first. */
  close: () => Promise<void>;
};

/**
 * Builds the services for a configuration: opens and migrates the store, connects Redis where
 * it is set, and makes the caches, counters and workers. Each resource registers its own close
 * where it is made; `close()` runs them in reverse, so nothing is closed while something made
 * after it (and using it) still runs: the webhook worker stops before the store closes, the
 * write-behinds flush before Redis and the store go.
 *
 * @example const services = await createServices(config, { secret, log: console }); await services.close()
 */
export async function createServices(config: Config, options: ServiceOptions): Promise<Services> {
  const { log } = options;
  const closes: (() => Promise<void> | void)[] = [];
  const closing = <T>(resource: T, close: (resource: T) => Promise<void> | void): T => {
    closes.push(() => close(resource));
    return resource;
  };
  const close = async () => {
    for (const step of closes.reverse()) await step();
  };
  try {
    // Pool errors (an idle PostgreSQL connection dropped) are logged, never fatal.
    const store = closing(openStore(config.databaseUrl, (error) => log.warn({ err: error }, 'database connection lost; it will be re-opened on demand'), options.traceStatement), (it) => it.close());
    await migrateToLatest(store.db, store.dialect);
    // Filled in the background: until it is complete, look-ups go to the database. A one-off
    // command verifies no key and skips it.
    if (options.background !== false) {
      store.keyHashes?.start({
        onError: (error) => log.error({ err: error }, 'filling the filter of key hashes failed: every unknown token is looked up in the database'),
        onFilled: (figures) => log.info(figures, 'filter of key hashes filled: tokens no key has are answered without the database'),
        ...options.keyHashScan,
      });
    }
    const redis = config.redisUrl
      ? closing(openRedis(config.redisUrl, (error) => log.debug({ err: error }, 'redis error')), (it) => it.disconnect())
      : undefined;
    const flushMs = options.usageFlushMs ?? 1000;
    const clock = options.clock ?? Date.now;
    const ctx: ServiceContext = {
      store: store.repos,
      write: store.write,
      writeBatch: store.writeBatch,
      secret: options.secret,
      tokenDigest: tokenDigester(options.secret),
      clock,
      cache: new KeyCache({ max: config.keyCacheSize, negativeTtlMs: 30_000 }),
      usage: closing(new UsageRecorder(store.repos.keys, {
        intervalMs: options.usageFlushMs ?? (store.dialect.shared ? LAST_USED_FLUSH_MS.severalNodes : LAST_USED_FLUSH_MS.oneNode),
        onError: (error) => log.error({ err: error }, 'writing lastUsedAt failed; will retry'),
      }), (it) => it.close()),
      // One node on SQLite counts in memory; several nodes count in Redis, or without Redis in
      // the database itself (exact, one write per limited verification).
      limits: closing(new UsageLimiter({
        keyCounters: store.repos.keyQuotas,
        identityCounters: store.repos.identityQuotas,
        mode: redis ? 'redis' : store.dialect.shared ? 'database' : 'memory',
        redis,
        prefix: config.redisPrefix,
        flushMs,
        onFallback: (error) => log.warn({ err: error }, 'redis unavailable: quotas are counted in the database meanwhile'),
        onError: (error) => log.error({ err: error }, 'writing quotas failed; will retry'),
      }), (it) => it.close()),
      analytics: closing(new UsageAnalytics(store.repos.usage, {
        flushMs: options.usageFlushMs ?? USAGE_COUNTS_FLUSH_MS,
        clock,
        onError: (error) => log.error({ err: error }, 'writing usage counts failed; will retry'),
      }), (it) => it.close()),
      verifications: closing(new VerificationLog(store.repos.verifications, {
        flushMs: options.usageFlushMs ?? VERIFICATIONS_FLUSH_MS,
        clock,
        onError: (error) => log.error({ err: error }, 'writing recent verifications failed; will retry'),
      }), (it) => it.close()),
      passwordCost: options.passwordCost ?? DEFAULT_PASSWORD_COST,
      allowPrivateWebhooks: config.webhookAllowPrivate,
    };
    // Key views show a use noted here before its row is written.
    store.lastUses.showFrom((keyId) => ctx.usage.unwritten(keyId));
    const passwordGuard = createPasswordGuard(redis ? { redis, prefix: config.redisPrefix } : undefined);
    // Expiry notices are scanned for at start and every minute; due deliveries every second.
    // Closed first: sends in flight are abandoned while the store is still open (their leases run out).
    const webhooks = closing(new WebhookWorker(ctx, { pollMs: options.webhookPollMs ?? 1000, scanMs: 60_000, log }), (it) => it.close());
    if (options.background !== false) {
      // Several nodes: changes made on one reach the others' caches. While the bus is down the
      // cache is bypassed (see KeyCache.attach); entries also expire after a minute, as a bound.
      const bus = openInvalidationBus(config, store, (error) => log.debug({ err: error }, 'invalidation bus error'));
      if (bus) {
        closing(bus, (it) => it.close());
        ctx.cache.attach(bus, { positiveTtlMs: 60_000 });
        bus.onHealth((healthy) =>
          healthy
            ? log.info('invalidation bus connected: the key cache is in use')
            : log.warn('invalidation bus lost: answering from the database until it is back'),
        );
      }
      webhooks.start();
    }
    return { ctx, store, passwordGuard, webhooks, close };
  } catch (error) {
    await close();
    throw error;
  }
}
