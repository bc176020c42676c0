import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import { VERIFICATION_CODES, type VerificationCode } from '../../domain/verification.ts';
import type { KeyCache } from '../../services/key-cache.ts';
import type { UsageLimiter } from '../../services/usage-limits.ts';

/** The Prometheus metrics of one app (a registry per app, so tests can build many). */
export type Metrics = {
  registry: Registry;
  verifications: Counter<'code'>;
};

/** Request counts and latencies by route, and verification results by code, at /metrics. */
export function installMetrics(app: FastifyInstance, cache: KeyCache, limits: UsageLimiter): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'keyward_http_requests_total', help: 'HTTP requests by method, route and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const durations = new Histogram({
    name: 'keyward_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  const verifications = new Counter({ name: 'keyward_verifications_total', help: 'Key verifications by result code', labelNames: ['code'], registers: [registry] });
  for (const code of VERIFICATION_CODES) verifications.inc({ code: code as VerificationCode }, 0);
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

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL: ids in paths would make unbounded label sets.
    const route = request.routeOptions.url ?? 'unknown';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    durations.observe({ method: request.method, route }, reply.elapsedTime / 1000);
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
  new Gauge({
    name: 'keyward_key_cache_trusted',
    help: '1 while the key cache may answer (0 while the invalidation bus between nodes is down)',
    registers: [registry],
    collect() {
      this.set(cache.trusted ? 1 : 0);
    },
  });
  return { registry, verifications };
}
