import Fastify from 'fastify';
import { describeMiddleware } from '../test/middleware-suite.ts';
import { keywardAuth } from './fastify.ts';

describeMiddleware('Fastify', async ({ ratelimits, ...options }) => {
  const app = Fastify();
  const preHandler = keywardAuth({
    ...options,
    ratelimits: typeof ratelimits === 'function' ? (request) => ratelimits((name) => request.headers[name] as string | undefined) : ratelimits,
  });
  app.get('/orders', { preHandler }, async (request) => ({ key: request.keyward }));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
});
