import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { describeMiddleware } from '../test/middleware-suite.ts';
import { keywardAuth, type KeywardVariables } from './hono.ts';

describeMiddleware('Hono', async ({ ratelimits, ...options }) => {
  const app = new Hono<{ Variables: KeywardVariables }>();
  app.use('/orders', keywardAuth({
    ...options,
    ip: (c) => getConnInfo(c).remote.address,
    ratelimits: typeof ratelimits === 'function' ? (c) => ratelimits((name) => c.req.header(name)) : ratelimits,
  }));
  app.get('/orders', (c) => c.json({ key: c.get('keyward') }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
