import { Type } from 'typebox';
import { projectsOfVisibleKeys } from '../../services/key-lookup.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, PageOf, PageQuery, problemResponses } from '../schemas/common.ts';

const ProjectName = Type.Object({ id: Type.String(), name: Type.String() });

/** GET /v1/keys/projects: the names of the projects the caller's keys are in. */
export function registerKeysProjects(app: App): void {
  app.get('/v1/keys/projects', {
    config: { auth: 'management', permission: 'keys.read' },
    schema: {
      tags: ['keys'],
      summary: 'Projects of the keys you may see',
      description:
        'The id and name of every project holding at least one key the caller may see (for an admin, every project with a key), newest first. ' +
        'Needs keys.read, not projects.read: a member learns the names of her keys\' projects and nothing of the others.',
      security: managementSecurity,
      querystring: Type.Object(PageQuery, { additionalProperties: false }),
      response: { 200: PageOf(ProjectName), ...problemResponses },
    },
  }, async (request) => projectsOfVisibleKeys(app.services, actorOf(request), request.query.limit ?? 20, request.query.cursor));
}
