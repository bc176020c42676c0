import { Type } from 'typebox';
import { listProjects } from '../../services/projects.ts';
import type { App } from '../app-types.ts';
import { managementSecurity, PageOf, PageQuery, problemResponses } from '../schemas/common.ts';
import { Project } from '../schemas/resources.ts';

/** GET /v1/projects */
export function registerProjectsList(app: App): void {
  app.get('/v1/projects', {
    config: { auth: 'management', permission: 'projects.read' },
    schema: {
      tags: ['projects'],
      summary: 'List projects',
      security: managementSecurity,
      querystring: Type.Object(PageQuery, { additionalProperties: false }),
      response: { 200: PageOf(Project), ...problemResponses },
    },
  }, async (request) => listProjects(app.services, request.query.limit ?? 20, request.query.cursor));
}
