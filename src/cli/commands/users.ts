import { Command, Option } from 'commander';
import { UsageError } from '../exit-codes.ts';
import { emit, readStdin, type CliIo } from '../io.ts';
import { clientFor, collect, remoteCommand, type RemoteOptions } from '../remote.ts';
import { userColumns, userDetails } from '../views.ts';
import { addDeleteCommand, addListCommand, addShowCommand, searchQuery } from '../resource-commands.ts';

/** `keyward users …`: list, show, create and delete the people who manage keys. */
export function registerUsers(program: Command, io: CliIo): void {
  const users = program.command('users').description('manage the people who manage keys, on a running Keyward');

  addListCommand(users, io, { description: 'list users', columns: userColumns, query: searchQuery, list: (keyward, q) => keyward.users.list(q) }).option('--search <text>', 'part of the username');
  addShowCommand(users, io, { noun: 'user', idPrefix: 'usr', get: (keyward, id) => keyward.users.get(id), details: userDetails });

  remoteCommand(users, 'create', 'create a user')
    .argument('<username>', '2-64 letters, digits or _.@-')
    .addOption(new Option('--role <role>', 'admin holds every permission; a member holds her groups').choices(['admin', 'member']).default('member'))
    .option('--group <id>', 'a permission group to give the user (repeatable)', collect)
    .option('--password-stdin', 'read the password (12+ characters) from standard input')
    .addHelpText('after', '\nWithout --password-stdin the user has no password and cannot sign in to the dashboard.\nExample: printf %s "$PASSWORD" | keyward users create mia --password-stdin')
    .action(async (username: string, options: RemoteOptions & { role: 'admin' | 'member'; group?: string[]; passwordStdin?: boolean }) => {
      const keyward = clientFor(io, options);
      const password = options.passwordStdin ? await readStdin(io) : undefined;
      if (password === '') throw new UsageError('--password-stdin read an empty password');
      const user = await keyward.users.create({ username, role: options.role, ...(password ? { password } : {}), ...(options.group ? { groupIds: options.group } : {}) });
      emit(io, options.json, user, () => userDetails(user));
    });

  addDeleteCommand(users, io, {
    noun: 'user',
    idPrefix: 'usr',
    description: 'delete a user',
    force: 'also delete the keys the user owns (otherwise refused while there are any)',
    remove: (keyward, id, force) => keyward.users.delete(id, { force }),
  });
}
