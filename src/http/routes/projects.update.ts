import { Type } from 'typebox';
import { updateProject } from '../../services/projects.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { KeyPrefix, Project } from '../schemas/resources.ts';
import { ProjectName } from './projects.create.ts';
import { ProjectParams } from './projects.get.ts';

/** PATCH /v1/projects/{id} */
export function registerProjectsUpdate(app: App): void {
  app.patch('/v1/projects/:id', {
    config: { auth: 'management', permission: 'projects.write' },
    schema: {
      tags: ['projects'],
      summary: 'Rename a project or change its key prefix',
      description: 'A new prefix applies to tokens issued from then on; existing tokens keep working.',
      security: managementSecurity,
      params: ProjectParams,
      body: Type.Object({ name: Type.Optional(ProjectName), keyPrefix: Type.Optional(KeyPrefix) }, { additionalProperties: false }),
      response: { 200: Project, ...problemResponses },
    },
  }, async (request) => updateProject(app.services, actorOf(request), request.params.id, request.body));
}
