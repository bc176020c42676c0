import Fastify from 'fastify';
import { describeMiddleware } from '../test/middleware-suite.ts';
import { keywardAuth } from './fastify.ts';

describeMiddleware('Fastify', async (options) => {
  const app = Fastify();
  app.get('/orders', { preHandler: keywardAuth(options) }, async (request) => ({ identity: request.keyward }));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
});
