import { Type } from 'typebox';
import type { App } from '../app-types.ts';
import { sendProblem } from '../plugins/problem-handler.ts';
import { ProblemRef } from '../schemas/common.ts';

/** GET /healthz, /readyz and /metrics. */
export function registerOperations(app: App, ping: () => Promise<void>): void {
  const Status = Type.Object({ status: Type.String() });
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process is up', response: { 200: Status } } }, async () => ({ status: 'ok' }));
  app.get('/readyz', {
    schema: { tags: ['operations'], summary: 'The database answers', response: { 200: Status, 503: ProblemRef } },
  }, async (request, reply) => {
    try {
      await ping();
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return sendProblem(reply, 503, 'NOT_READY', 'The database does not answer.');
    }
  });
  app.get('/metrics', { schema: { tags: ['operations'], summary: 'Prometheus metrics', produces: ['text/plain'] } }, async (_request, reply) => {
    reply.type(app.metrics.registry.contentType);
    return app.metrics.registry.metrics();
  });
}
