import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { decodeInvalidation, encodeInvalidation, type Invalidation, type InvalidationBus } from './invalidation-bus.ts';

/**
 * Cache invalidation over Redis pub/sub. The subscriber connection's state is the bus's
 * health: while it is down this node may miss messages. ioredis reconnects and resubscribes
 * by itself; "healthy" returns only once the subscription is confirmed again.
 */
export function redisInvalidationBus(redisUrl: string, prefix: string, onError: (error: unknown) => void): InvalidationBus {
  const origin = randomBytes(8).toString('hex');
  const channel = `${prefix}invalidate`;
  const options = { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: (attempt: number) => Math.min(attempt * 100, 1000) };
  const publisher = new Redis(redisUrl, options);
  const subscriber = new Redis(redisUrl, { ...options, enableOfflineQueue: true });
  const messageHandlers: ((message: Invalidation) => void)[] = [];
  const healthHandlers: ((healthy: boolean) => void)[] = [];
  let healthy = false;

  const setHealthy = (value: boolean) => {
    if (value === healthy) return;
    healthy = value;
    for (const handler of healthHandlers) handler(value);
  };

  publisher.on('error', onError);
  subscriber.on('error', onError);
  subscriber.on('close', () => setHealthy(false));
  subscriber.on('end', () => setHealthy(false));
  subscriber.on('ready', () => {
    subscriber.subscribe(channel).then(() => setHealthy(true), (error: unknown) => onError(error));
  });
  subscriber.on('message', (_channel: string, text: string) => {
    const message = decodeInvalidation(origin, text);
    if (message) for (const handler of messageHandlers) handler(message);
  });

  return {
    publish: (message) => {
      publisher.publish(channel, encodeInvalidation(origin, message)).catch(onError);
    },
    onMessage: (handler) => void messageHandlers.push(handler),
    onHealth: (handler) => void healthHandlers.push(handler),
    get healthy() {
      return healthy;
    },
    close: async () => {
      healthHandlers.length = 0;
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
