import { Type } from 'typebox';
import { getProject } from '../../services/projects.ts';
import type { App } from '../app-types.ts';
import { Id, managementSecurity, problemResponses } from '../schemas/common.ts';
import { Project } from '../schemas/resources.ts';

export const ProjectParams = Type.Object({ id: Id('prj') });

/** GET /v1/projects/{id} */
export function registerProjectsGet(app: App): void {
  app.get('/v1/projects/:id', {
    config: { auth: 'management', permission: 'projects.read' },
    schema: { tags: ['projects'], summary: 'Get a project', security: managementSecurity, params: ProjectParams, response: { 200: Project, ...problemResponses } },
  }, async (request) => getProject(app.services, request.params.id));
}
