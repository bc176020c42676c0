import type { Command } from 'commander';
import type { CliIo } from '../io.ts';
import { auditColumns } from '../views.ts';
import { addListCommand } from '../resource-commands.ts';

/** `keyward audit list`: who changed what, newest first. */
export function registerAudit(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('read the audit log of a running Keyward');
  addListCommand(audit, io, {
    description: 'list audit events, newest first',
    noun: 'events',
    columns: auditColumns,
    query: (options: { key?: string; actor?: string; action?: string }) => ({
      ...(options.key ? { keyId: options.key } : {}),
      ...(options.actor ? { actorId: options.actor } : {}),
      ...(options.action ? { action: options.action } : {}),
    }),
    list: (keyward, q) => keyward.audit.list(q),
  })
    .option('--key <id>', 'only events about this key')
    .option('--actor <id>', 'only events by this user')
    .option('--action <action>', 'only this action, e.g. key.created');
}
