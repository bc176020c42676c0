import type { Command } from 'commander';
import { emit, type CliIo } from '../io.ts';
import { addPaging, clientFor, pageOf, remoteCommand, type RemoteOptions } from '../remote.ts';
import { pageTable, projectColumns, projectDetails } from '../views.ts';

/** `keyward projects …`: the projects keys belong to (needed to create a key). */
export function registerProjects(program: Command, io: CliIo): void {
  const projects = program.command('projects').description('manage projects on a running Keyward');

  addPaging(remoteCommand(projects, 'list', 'list projects'))
    .action(async (options: RemoteOptions & { limit?: number; cursor?: string; all?: boolean }) => {
      const keyward = clientFor(io, options);
      const page = await pageOf(options, {}, (q) => keyward.projects.list(q));
      emit(io, options.json, page, () => pageTable(page, projectColumns, 'projects', 'keyward projects list'));
    });

  remoteCommand(projects, 'show', 'show one project')
    .argument('<id>', 'the project id (prj_…)')
    .action(async (id: string, options: RemoteOptions) => {
      const project = await clientFor(io, options).projects.get(id);
      emit(io, options.json, project, () => projectDetails(project));
    });

  remoteCommand(projects, 'create', 'create a project')
    .argument('<name>', 'the project name')
    .option('--prefix <prefix>', "starts every token of the project's keys (2-12 lowercase letters and digits)")
    .action(async (name: string, options: RemoteOptions & { prefix?: string }) => {
      const project = await clientFor(io, options).projects.create({ name, ...(options.prefix ? { keyPrefix: options.prefix } : {}) });
      emit(io, options.json, project, () => projectDetails(project));
    });

  remoteCommand(projects, 'delete', 'delete a project')
    .argument('<id>', 'the project id (prj_…)')
    .option('--force', "also delete the project's keys (otherwise refused while there are any)")
    .action(async (id: string, options: RemoteOptions & { force?: boolean }) => {
      await clientFor(io, options).projects.delete(id, { force: options.force === true });
      emit(io, options.json, { id, deleted: true }, () => `Deleted project ${id}.`);
    });
}
