import { Redis } from 'ioredis';

/**
 * A Redis connection for shared counters (login throttling; rate limits and quotas). It fails
 * fast while Redis is down (no offline queue), so callers fall back at once to their
 * documented per-node behaviour instead of waiting.
 */
export function openRedis(redisUrl: string, onError: (error: unknown) => void): Redis {
  const redis = new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  redis.on('error', onError);
  return redis;
}
