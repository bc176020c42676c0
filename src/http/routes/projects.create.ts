import { Type } from 'typebox';
import { createProject } from '../../services/projects.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { KeyPrefix, Project } from '../schemas/resources.ts';

export const ProjectName = Type.String({ minLength: 1, maxLength: 200, examples: ['Feedback API'] });

/** POST /v1/projects */
export function registerProjectsCreate(app: App): void {
  app.post('/v1/projects', {
    config: { auth: 'management', permission: 'projects.write' },
    schema: {
      tags: ['projects'],
      summary: 'Create a project',
      description: 'keyPrefix starts every token of the project; without it, one is made from the name.',
      security: managementSecurity,
      body: Type.Object({ name: ProjectName, keyPrefix: Type.Optional(KeyPrefix) }, { additionalProperties: false }),
      response: { 201: Project, ...problemResponses },
    },
  }, async (request, reply) => {
    const project = await createProject(app.services, actorOf(request), request.body);
    return reply.code(201).send(project);
  });
}
