import type { Config } from '../../config.ts';
import type { Store } from '../../store/store.ts';
import type { InvalidationBus } from './invalidation-bus.ts';
import { postgresInvalidationBus } from './postgres-invalidation-bus.ts';
import { redisInvalidationBus } from './redis-invalidation-bus.ts';

/**
 * The bus that keeps several nodes' caches honest: Redis pub/sub when REDIS_URL is set,
 * else PostgreSQL LISTEN/NOTIFY on PostgreSQL, else none (one node on the embedded store).
 */
export function openInvalidationBus(config: Config, store: Store, onError: (error: unknown) => void): InvalidationBus | undefined {
  if (config.redisUrl) return redisInvalidationBus(config.redisUrl, config.redisPrefix, onError);
  if (store.dialect.shared) return postgresInvalidationBus(store.databaseUrl, onError);
  return undefined;
}
