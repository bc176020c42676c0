import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { VERIFICATION_CODES, type VerificationCode } from '../../domain/verification.ts';
import type { ConcurrencyGate } from '../../runtime/concurrency-gate.ts';
import type { KeyCache } from '../../runtime/cache/key-cache.ts';
import type { UsageLimiter } from '../../runtime/usage/usage-limits.ts';

/** The Prometheus metrics of one app (a registry per app, so tests can build many). */
export type Metrics = {
  registry: Registry;
  /** Counts one verification answer by code (read out when scraped). */
  countVerification: (code: VerificationCode) => void;
  /** Counts a request answered outside Fastify's hooks (the verify fast path). */
  recordRequest: (method: string, route: string, status: number, seconds: number) => void;
  /** Counts a verify request the fast path answered, or read and then handed to the framework. */
  countFastPath: (outcome: 'answered' | 'replayed') => void;
};

/** Request counts and latencies by route, and verification results by code, at /metrics. */
export function installMetrics(app: FastifyInstance, cache: KeyCache, limits: UsageLimiter, passwordChecks: ConcurrencyGate, statements: { readonly total: number }, keyHashes?: { readonly stats: KeyHashFilterStats }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const routes = new RouteRecorder(DURATION_BUCKETS);
  new Counter({
    name: 'keyward_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
    collect() {
      this.reset();
      for (const stats of routes.all()) {
        for (const [status, count] of stats.statuses) this.inc({ method: stats.method, route: stats.route, status: String(status) }, count);
      }
    },
  });
  registry.registerMetric(routeDurations(routes) as never);
  // Plain numbers on the hot path, turned into Prometheus counters when scraped.
  const verificationCounts = new Map<VerificationCode, number>(VERIFICATION_CODES.map((code) => [code as VerificationCode, 0]));
  new Counter({
    name: 'keyward_verifications_total',
    help: 'Key verifications by result code',
    labelNames: ['code'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [code, count] of verificationCounts) this.inc({ code }, count);
    },
  });
  // Counters read when scraped, so the hot path pays nothing for them.
  new Counter({
    name: 'keyward_key_cache_lookups_total',
    help: 'Token look-ups by where they were answered: the in-process cache (hit) or the database (miss)',
    labelNames: ['result'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ result: 'hit' }, cache.stats.hits);
      this.inc({ result: 'miss' }, cache.stats.misses);
    },
  });
  new Counter({
    name: 'keyward_key_cache_refreshes_total',
    help: 'Cached keys read again in the background because a hit found them near the end of their TTL (several nodes only)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(cache.stats.refreshes);
    },
  });

  // Counted into plain numbers per route and turned into Prometheus metrics when scraped: the
  // per-request label hashing of prom-client's own counters showed up in the verify profile.
  app.addHook('onResponse', (request, reply, done) => {
    routes.record(request, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  new Counter({
    name: 'keyward_quota_fallbacks_total',
    help: 'Quota spends answered by the database because Redis failed (exact, slower)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(limits.fallbacks);
    },
  });
  new Counter({
    name: 'keyward_database_statements_total',
    help: 'Statements sent to the database (SQLite or PostgreSQL), written-behind counts included',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(statements.total);
    },
  });
  new Gauge({
    name: 'keyward_key_cache_entries',
    help: 'Tokens held in the key cache: known keys (kind="key") and tokens remembered as unknown (kind="unknown")',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      this.set({ kind: 'key' }, cache.size);
      this.set({ kind: 'unknown' }, cache.unknownSize);
    },
  });
  new Gauge({
    name: 'keyward_key_cache_max_entries',
    help: 'The key cache\'s bounds: past them the least recently used tokens are dropped',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const bounds = cache.bounds;
      this.set({ kind: 'key' }, bounds.known);
      this.set({ kind: 'unknown' }, bounds.unknown);
    },
  });
  if (keyHashes) installKeyHashFilterMetrics(registry, keyHashes);
  new Gauge({
    name: 'keyward_key_cache_trusted',
    help: '1 while the key cache may answer (0 while the invalidation bus between nodes is down)',
    registers: [registry],
    collect() {
      this.set(cache.trusted ? 1 : 0);
    },
  });
  new Gauge({
    name: 'keyward_password_checks_in_flight',
    help: `Password checks (scrypt) running now; at most ${passwordChecks.options.total} at once, ${passwordChecks.options.perClient} per client address`,
    registers: [registry],
    collect() {
      this.set(passwordChecks.inFlight);
    },
  });
  new Gauge({
    name: 'keyward_password_checks_in_flight_peak',
    help: 'The most password checks ever running at once in this process, overall (scope="all") and for one client address (scope="client")',
    labelNames: ['scope'],
    registers: [registry],
    collect() {
      this.set({ scope: 'all' }, passwordChecks.stats.peak);
      this.set({ scope: 'client' }, passwordChecks.stats.peakPerClient);
    },
  });
  new Counter({
    name: 'keyward_password_checks_refused_total',
    help: 'Sign-ins and password changes answered 429 because too many password checks were running or waiting',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(passwordChecks.stats.refused);
    },
  });
  const fastPathCounts = { answered: 0, replayed: 0 };
  new Counter({
    name: 'keyward_verify_fast_path_total',
    help: 'POST /v1/keys/verify requests answered by the fast path (answered), or read by it and replayed into the framework (replayed: refused bodies)',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [outcome, count] of Object.entries(fastPathCounts)) this.inc({ outcome }, count);
    },
  });
  return {
    registry,
    countVerification: (code) => verificationCounts.set(code, (verificationCounts.get(code) ?? 0) + 1),
    countFastPath: (outcome) => fastPathCounts[outcome]++,
    recordRequest: (method, route, status, seconds) => routes.recordNamed(method, route, status, seconds),
  };
}

const DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** One route's (and method's) counts: by status, and durations by bucket. */
type RouteStats = {
  method: string;
  /** The route pattern, not the URL: ids in paths would make unbounded label sets. */
  route: string;
  statuses: Map<number, number>;
  /** Observations per bucket (not cumulative); the last slot is +Inf. */
  buckets: number[];
  sum: number;
  count: number;
};

/** Request counts and durations per route, found by the route's own config object. */
class RouteRecorder {
  readonly #stats = new Map<string, RouteStats>();
  readonly #byConfig = new WeakMap<object, RouteStats>();
  readonly bounds: readonly number[];

  constructor(bounds: readonly number[]) {
    this.bounds = bounds;
  }

  record(request: FastifyRequest, status: number, seconds: number): void {
    const config = request.routeOptions.config;
    let stats = this.#byConfig.get(config);
    if (!stats || stats.method !== request.method) stats = this.#statsFor(config, request.method, request.routeOptions.url ?? 'unknown');
    this.#add(stats, status, seconds);
  }

  recordNamed(method: string, route: string, status: number, seconds: number): void {
    this.#add(this.#named(method, route), status, seconds);
  }

  #add(stats: RouteStats, status: number, seconds: number): void {
    stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
    let slot = 0;
    while (slot < this.bounds.length && seconds > this.bounds[slot]!) slot++;
    stats.buckets[slot]!++;
    stats.sum += seconds;
    stats.count++;
  }

  #statsFor(config: object, method: string, route: string): RouteStats {
    const stats = this.#named(method, route);
    // A config object is shared by a route's methods (GET and its HEAD): remember the latest.
    this.#byConfig.set(config, stats);
    return stats;
  }

  #named(method: string, route: string): RouteStats {
    const name = `${method} ${route}`;
    let stats = this.#stats.get(name);
    if (!stats) {
      stats = { method, route, statuses: new Map(), buckets: new Array<number>(this.bounds.length + 1).fill(0), sum: 0, count: 0 };
      this.#stats.set(name, stats);
    }
    return stats;
  }

  all(): Iterable<RouteStats> {
    return this.#stats.values();
  }
}

/** The durations as a Prometheus histogram, in the shape prom-client's registry prints. */
function routeDurations(routes: RouteRecorder) {
  const name = 'keyward_http_request_duration_seconds';
  return {
    name,
    help: 'HTTP request duration by route',
    type: 'histogram',
    aggregator: 'sum',
    reset() {},
    get() {
      const values: { metricName: string; labels: Record<string, string | number>; value: number }[] = [];
      for (const stats of routes.all()) {
        const labels = { method: stats.method, route: stats.route };
        let cumulative = 0;
        routes.bounds.forEach((bound, slot) => {
          cumulative += stats.buckets[slot]!;
          values.push({ metricName: `${name}_bucket`, labels: { ...labels, le: bound }, value: cumulative });
        });
        values.push({ metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: stats.count });
        values.push({ metricName: `${name}_sum`, labels, value: stats.sum });
        values.push({ metricName: `${name}_count`, labels, value: stats.count });
      }
      return { name, help: this.help, type: this.type, aggregator: this.aggregator, values };
    },
  };
}

/** What the embedded store's filter of token hashes says of itself (KeyHashFilter.stats). */
type KeyHashFilterStats = { ready: boolean; bytes: number; absent: number; maybe: number };

/** The embedded store's filter of token hashes (absent on PostgreSQL, which has none). */
function installKeyHashFilterMetrics(registry: Registry, keyHashes: { readonly stats: KeyHashFilterStats }): void {
  new Gauge({
    name: 'keyward_key_hash_filter_ready',
    help: '1 once the filter of stored token hashes is filled (until then every unknown token is looked up in the database)',
    registers: [registry],
    collect() {
      this.set(keyHashes.stats.ready ? 1 : 0);
    },
  });
  new Gauge({
    name: 'keyward_key_hash_filter_bytes',
    help: 'Memory of the filter of stored token hashes (with the one being filled, while it grows)',
    registers: [registry],
    collect() {
      this.set(keyHashes.stats.bytes);
    },
  });
  new Counter({
    name: 'keyward_key_hash_filter_lookups_total',
    help: 'Token look-ups the filter answered: absent (no such key, no statement) or maybe (passed to the database: stored keys and false positives)',
    labelNames: ['result'],
    registers: [registry],
    collect() {
      this.reset();
      const { absent, maybe } = keyHashes.stats;
      this.inc({ result: 'absent' }, absent);
      this.inc({ result: 'maybe' }, maybe);
    },
  });
}
