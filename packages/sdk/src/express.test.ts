import type { AddressInfo } from 'node:net';
import express from 'express';
import { describeMiddleware } from '../test/middleware-suite.ts';
import { keywardAuth } from './express.ts';

describeMiddleware('Express', async ({ ratelimits, ...options }) => {
  const app = express();
  const guard = keywardAuth({ ...options, ratelimits: typeof ratelimits === 'function' ? (request) => ratelimits((name) => request.get(name)) : ratelimits });
  app.get('/orders', guard, (request, response) => {
    response.json({ key: request.keyward });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
