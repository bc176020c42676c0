import type { Command } from 'commander';
import { emit, type CliIo } from '../io.ts';
import { clientFor, collect, remoteCommand, type RemoteOptions } from '../remote.ts';
import { groupColumns, groupDetails } from '../views.ts';
import { addDeleteCommand, addListCommand, addShowCommand } from '../resource-commands.ts';

/** `keyward groups …`: list, show, create and delete permission groups. */
export function registerGroups(program: Command, io: CliIo): void {
  const groups = program.command('groups').description('manage permission groups on a running Keyward');

  addListCommand(groups, io, { description: 'list permission groups', columns: groupColumns, query: () => ({}), list: (keyward, q) => keyward.groups.list(q) });
  addShowCommand(groups, io, { noun: 'group', idPrefix: 'grp', get: (keyward, id) => keyward.groups.get(id), details: groupDetails });

  remoteCommand(groups, 'create', 'create a permission group')
    .argument('<name>', 'the group name')
    .option('--permission <permission>', 'a permission it grants, e.g. orders.read or keys.write (repeatable)', collect)
    .option('--description <text>', 'what the group is for')
    .action(async (name: string, options: RemoteOptions & { permission?: string[]; description?: string }) => {
      const group = await clientFor(io, options).groups.create({ name, permissions: options.permission ?? [], ...(options.description !== undefined ? { description: options.description } : {}) });
      emit(io, options.json, group, () => groupDetails(group));
    });

  addDeleteCommand(groups, io, { noun: 'group', idPrefix: 'grp', description: 'delete a permission group', remove: (keyward, id) => keyward.groups.delete(id) });
}
