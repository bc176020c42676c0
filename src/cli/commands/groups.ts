import type { Command } from 'commander';
import { emit, type CliIo } from '../io.ts';
import { addPaging, clientFor, collect, pageOf, remoteCommand, type RemoteOptions } from '../remote.ts';
import { groupColumns, groupDetails, pageTable } from '../views.ts';

/** `keyward groups …`: list, show, create and delete permission groups. */
export function registerGroups(program: Command, io: CliIo): void {
  const groups = program.command('groups').description('manage permission groups on a running Keyward');

  addPaging(remoteCommand(groups, 'list', 'list permission groups'))
    .action(async (options: RemoteOptions & { limit?: number; cursor?: string; all?: boolean }) => {
      const keyward = clientFor(io, options);
      const page = await pageOf(options, {}, (q) => keyward.groups.list(q));
      emit(io, options.json, page, () => pageTable(page, groupColumns, 'groups', 'keyward groups list'));
    });

  remoteCommand(groups, 'show', 'show one group')
    .argument('<id>', 'the group id (grp_…)')
    .action(async (id: string, options: RemoteOptions) => {
      const group = await clientFor(io, options).groups.get(id);
      emit(io, options.json, group, () => groupDetails(group));
    });

  remoteCommand(groups, 'create', 'create a permission group')
    .argument('<name>', 'the group name')
    .option('--permission <permission>', 'a permission it grants, e.g. orders.read or keys.write (repeatable)', collect)
    .option('--description <text>', 'what the group is for')
    .action(async (name: string, options: RemoteOptions & { permission?: string[]; description?: string }) => {
      const group = await clientFor(io, options).groups.create({ name, permissions: options.permission ?? [], ...(options.description !== undefined ? { description: options.description } : {}) });
      emit(io, options.json, group, () => groupDetails(group));
    });

  remoteCommand(groups, 'delete', 'delete a permission group')
    .argument('<id>', 'the group id (grp_…)')
    .action(async (id: string, options: RemoteOptions) => {
      await clientFor(io, options).groups.delete(id);
      emit(io, options.json, { id, deleted: true }, () => `Deleted group ${id}.`);
    });
}
