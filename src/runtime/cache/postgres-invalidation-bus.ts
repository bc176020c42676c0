import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { decodeInvalidation, encodeInvalidation, type Invalidation, type InvalidationBus } from './invalidation-bus.ts';

const CHANNEL = 'keyward_invalidate';
const RETRY_MS = 500;

/**
 * Cache invalidation over PostgreSQL LISTEN/NOTIFY, for several nodes without Redis. One
 * dedicated connection listens; when it drops, the bus is unhealthy (the cache stops trusting
 * itself) and it reconnects every half second until it listens again.
 */
export function postgresInvalidationBus(databaseUrl: string, onError: (error: unknown) => void): InvalidationBus {
  const origin = randomBytes(8).toString('hex');
  const messageHandlers: ((message: Invalidation) => void)[] = [];
  const healthHandlers: ((healthy: boolean) => void)[] = [];
  // One connection kept open for NOTIFY: opening one per change would add its set-up time to
  // every invalidation.
  const notifier = new pg.Pool({ connectionString: databaseUrl, max: 1, connectionTimeoutMillis: 2000, idleTimeoutMillis: 0 });
  notifier.on('error', onError);
  notifier.query('SELECT 1').catch(onError);
  let healthy = false;
  let closed = false;
  let listener: pg.Client | undefined;

  const setHealthy = (value: boolean) => {
    if (value === healthy) return;
    healthy = value;
    for (const handler of healthHandlers) handler(value);
  };

  const listen = async (): Promise<void> => {
    if (closed) return;
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2000 });
    const lost = (error?: unknown) => {
      if (error) onError(error);
      if (listener !== client) return;
      listener = undefined;
      setHealthy(false);
      client.end().catch(() => undefined);
      if (!closed) setTimeout(() => void listen(), RETRY_MS).unref();
    };
    try {
      listener = client;
      client.on('error', lost);
      client.on('end', () => lost());
      client.on('notification', (notification) => {
        const message = notification.payload ? decodeInvalidation(origin, notification.payload) : undefined;
        if (message) for (const handler of messageHandlers) handler(message);
      });
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      setHealthy(true);
    } catch (error) {
      lost(error);
    }
  };
  void listen();

  return {
    publish: (message) => {
      notifier.query('SELECT pg_notify($1, $2)', [CHANNEL, encodeInvalidation(origin, message)]).catch(onError);
    },
    onMessage: (handler) => void messageHandlers.push(handler),
    onHealth: (handler) => void healthHandlers.push(handler),
    get healthy() {
      return healthy;
    },
    close: async () => {
      closed = true;
      healthHandlers.length = 0;
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => undefined);
      await notifier.end();
    },
  };
}
