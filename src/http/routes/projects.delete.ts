import { deleteProject } from '../../services/projects.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { ForceQuery, managementSecurity, problemResponses } from '../schemas/common.ts';
import { ProjectParams } from './projects.get.ts';

/** DELETE /v1/projects/{id}: 409 while it has keys, unless ?force=true. */
export function registerProjectsDelete(app: App): void {
  app.delete('/v1/projects/:id', {
    config: { auth: 'management', permission: 'projects.write' },
    schema: {
      tags: ['projects'],
      summary: 'Delete a project',
      description: 'Refused with 409 while the project has keys, unless force=true, which deletes them too (audited).',
      security: managementSecurity,
      params: ProjectParams,
      querystring: ForceQuery,
      response: { 204: { type: 'null' }, ...problemResponses },
    },
  }, async (request, reply) => {
    await deleteProject(app.services, actorOf(request), request.params.id, request.query.force ?? false);
    return reply.code(204).send(null);
  });
}
