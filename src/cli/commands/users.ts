import { Command, Option } from 'commander';
import { UsageError } from '../exit-codes.ts';
import { emit, readStdin, type CliIo } from '../io.ts';
import { addPaging, clientFor, collect, pageOf, remoteCommand, type RemoteOptions } from '../remote.ts';
import { pageTable, userColumns, userDetails } from '../views.ts';

/** `keyward users …`: list, show, create and delete the people who manage keys. */
export function registerUsers(program: Command, io: CliIo): void {
  const users = program.command('users').description('manage the people who manage keys, on a running Keyward');

  addPaging(remoteCommand(users, 'list', 'list users'))
    .option('--search <text>', 'part of the username')
    .action(async (options: RemoteOptions & { search?: string; limit?: number; cursor?: string; all?: boolean }) => {
      const keyward = clientFor(io, options);
      const page = await pageOf(options, options.search ? { q: options.search } : {}, (q) => keyward.users.list(q));
      emit(io, options.json, page, () => pageTable(page, userColumns, 'users', 'keyward users list'));
    });

  remoteCommand(users, 'show', 'show one user')
    .argument('<id>', 'the user id (usr_…)')
    .action(async (id: string, options: RemoteOptions) => {
      const user = await clientFor(io, options).users.get(id);
      emit(io, options.json, user, () => userDetails(user));
    });

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

  remoteCommand(users, 'delete', 'delete a user')
    .argument('<id>', 'the user id (usr_…)')
    .option('--force', 'also delete the keys the user owns (otherwise refused while there are any)')
    .action(async (id: string, options: RemoteOptions & { force?: boolean }) => {
      await clientFor(io, options).users.delete(id, { force: options.force === true });
      emit(io, options.json, { id, deleted: true }, () => `Deleted user ${id}.`);
    });
}
