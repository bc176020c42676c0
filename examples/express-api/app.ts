import express, { type Express } from 'express';
import { createKeywardClient } from '@keyward/sdk';
import { keywardAuth } from '@keyward/sdk/express';

export type OrdersApiOptions = {
  /** Where Keyward answers, e.g. http://127.0.0.1:8080. */
  keywardUrl: string;
  /** Only keys of this project are accepted (recommended: one project per API). */
  projectId?: string;
  /** Only needed when Keyward runs with KEYWARD_VERIFY_AUTH=required (a key holding keys.verify). */
  keywardToken?: string;
};

type Order = { id: number; item: string; placedByKey: string; owner: string | null };

/**
 * A small orders API protected by Keyward: reading needs a key holding `orders.read`, placing
 * an order `orders.write`; `/health` is open. Each handler finds the caller's key on
 * `request.keyward`.
 */
export function createOrdersApi(options: OrdersApiOptions): Express {
  // One client for the whole app, so every route shares its connections and its verify cache.
  // The cache saves a round trip per request for 2 s, at a price: for those 2 s a key that was
  // just disabled still works here, and cached answers are not counted against a key's limits.
  const keyward = createKeywardClient({
    baseUrl: options.keywardUrl,
    ...(options.keywardToken ? { token: options.keywardToken } : {}),
    verifyCache: { ttlMs: 2_000 },
  });
  const project = options.projectId ? { projectId: options.projectId } : {};
  const orders: Order[] = [];

  const app = express();
  app.use(express.json());

  app.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });

  app.get('/orders', keywardAuth({ keyward, ...project, permissions: ['orders.read'] }), (request, response) => {
    response.json({ orders, caller: request.keyward });
  });

  app.post('/orders', keywardAuth({ keyward, ...project, permissions: ['orders.write'] }), (request, response) => {
    const item = typeof request.body?.item === 'string' ? request.body.item : '';
    if (item === '') {
      response.status(400).type('application/problem+json').send({ type: 'about:blank', title: 'Bad Request', status: 400, code: 'VALIDATION_FAILED', detail: 'Send {"item": "…"}.' });
      return;
    }
    const order = { id: orders.length + 1, item, placedByKey: request.keyward!.keyId, owner: request.keyward!.ownerId };
    orders.push(order);
    response.status(201).json(order);
  });

  return app;
}
