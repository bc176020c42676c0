import type { AddressInfo } from 'node:net';
import express from 'express';
import { describeMiddleware } from '../test/middleware-suite.ts';
import { keywardAuth } from './express.ts';

describeMiddleware('Express', async (options) => {
  const app = express();
  app.get('/orders', keywardAuth(options), (request, response) => {
    response.json({ identity: request.keyward });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
