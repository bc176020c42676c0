import type { Command } from 'commander';
import { emit, type CliIo } from '../io.ts';
import { clientFor, remoteCommand, type RemoteOptions } from '../remote.ts';
import { projectColumns, projectDetails } from '../views.ts';
import { addDeleteCommand, addListCommand, addShowCommand } from '../resource-commands.ts';

/** `keyward projects …`: the projects keys belong to (needed to create a key). */
export function registerProjects(program: Command, io: CliIo): void {
  const projects = program.command('projects').description('manage projects on a running Keyward');

  addListCommand(projects, io, { description: 'list projects', columns: projectColumns, query: () => ({}), list: (keyward, q) => keyward.projects.list(q) });
  addShowCommand(projects, io, { noun: 'project', idPrefix: 'prj', get: (keyward, id) => keyward.projects.get(id), details: projectDetails });

  remoteCommand(projects, 'create', 'create a project')
    .argument('<name>', 'the project name')
    .option('--prefix <prefix>', "starts every token of the project's keys (2-12 lowercase letters and digits)")
    .action(async (name: string, options: RemoteOptions & { prefix?: string }) => {
      const project = await clientFor(io, options).projects.create({ name, ...(options.prefix ? { keyPrefix: options.prefix } : {}) });
      emit(io, options.json, project, () => projectDetails(project));
    });

  addDeleteCommand(projects, io, {
    noun: 'project',
    idPrefix: 'prj',
    description: 'delete a project',
    force: "also delete the project's keys (otherwise refused while there are any)",
    remove: (keyward, id, force) => keyward.projects.delete(id, { force }),
  });
}
