import { Type } from 'typebox';
import type { App } from '../app-types.ts';
import { metricsAccess } from '../metrics-access.ts';
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
  app.get('/metrics', {
    onRequest: metricsAccess(app.config.metricsToken),
    schema: {
      tags: ['operations'],
      summary: 'Prometheus metrics',
      description: 'With KEYWARD_METRICS_TOKEN set, needs `Authorization: Bearer <that token>` (else 401). Without it, answers only clients on the same host that connect directly: a loopback peer and no X-Forwarded-For, Forwarded or X-Real-IP header (else 403).',
      produces: ['text/plain'],
      response: { 401: ProblemRef, 403: ProblemRef },
    },
  }, async (_request, reply) => {
    reply.type(app.metrics.registry.contentType);
    return app.metrics.registry.metrics();
  });
}
