import type { Command } from 'commander';
import { emit, type CliIo } from '../io.ts';
import { addPaging, clientFor, pageOf, remoteCommand, type RemoteOptions } from '../remote.ts';
import { auditColumns, pageTable } from '../views.ts';

/** `keyward audit list`: who changed what, newest first. */
export function registerAudit(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('read the audit log of a running Keyward');
  addPaging(remoteCommand(audit, 'list', 'list audit events, newest first'))
    .option('--key <id>', 'only events about this key')
    .option('--actor <id>', 'only events by this user')
    .option('--action <action>', 'only this action, e.g. key.created')
    .action(async (options: RemoteOptions & { key?: string; actor?: string; action?: string; limit?: number; cursor?: string; all?: boolean }) => {
      const keyward = clientFor(io, options);
      const query = {
        ...(options.key ? { keyId: options.key } : {}),
        ...(options.actor ? { actorId: options.actor } : {}),
        ...(options.action ? { action: options.action } : {}),
      };
      const page = await pageOf(options, query, (q) => keyward.audit.list(q));
      emit(io, options.json, page, () => pageTable(page, auditColumns, 'events', 'keyward audit list'));
    });
}
