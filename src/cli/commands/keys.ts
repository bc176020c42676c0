import { Command, InvalidArgumentError, Option } from 'commander';
import type { KeyCreate } from '@keyward/sdk';
import { emit, type CliIo } from '../io.ts';
import { addPaging, clientFor, collect, pageOf, remoteCommand, type RemoteOptions } from '../remote.ts';
import { issuedKeyDetails, keyColumns, keyDetails, pageTable } from '../views.ts';

type CreateOptions = RemoteOptions & {
  project: string;
  name?: string;
  description?: string;
  owner?: string;
  group?: string[];
  expires?: string;
  ip?: string[];
  disabled?: boolean;
  meta?: Record<string, unknown>;
};

function parseMeta(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidArgumentError('must be a JSON object, e.g. \'{"plan":"pro"}\'');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidArgumentError('must be a JSON object');
  return value as Record<string, unknown>;
}

function parseWhole(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError('must be a whole number of seconds');
  return value;
}

/** `keyward keys …`: list, show, create, enable, disable, regenerate and delete API keys. */
export function registerKeys(program: Command, io: CliIo): void {
  const keys = program.command('keys').description('manage API keys on a running Keyward');

  addPaging(remoteCommand(keys, 'list', 'list keys, newest first'))
    .option('--project <id>', 'only keys of this project')
    .option('--owner <username>', 'only keys this person owns')
    .addOption(new Option('--status <status>', 'only keys in this state').choices(['active', 'inactive', 'expired']))
    .option('--search <text>', 'part of the name, description or key start')
    .action(async (options: RemoteOptions & { project?: string; owner?: string; status?: 'active' | 'inactive' | 'expired'; search?: string; limit?: number; cursor?: string; all?: boolean }) => {
      const keyward = clientFor(io, options);
      const query = {
        ...(options.project ? { projectId: options.project } : {}),
        ...(options.owner ? { owner: options.owner } : {}),
        ...(options.status ? { status: options.status } : {}),
        ...(options.search ? { q: options.search } : {}),
      };
      const page = await pageOf(options, query, (q) => keyward.keys.list(q));
      emit(io, options.json, page, () => pageTable(page, keyColumns, 'keys', 'keyward keys list'));
    });

  remoteCommand(keys, 'show', 'show one key')
    .argument('<id>', 'the key id (key_…)')
    .action(async (id: string, options: RemoteOptions) => {
      const key = await clientFor(io, options).keys.get(id);
      emit(io, options.json, key, () => keyDetails(key));
    });

  remoteCommand(keys, 'create', 'create a key and print its token (shown this once)')
    .requiredOption('--project <id>', 'the project the key belongs to (its prefix starts the token)')
    .option('--name <name>', 'a name people will recognise')
    .option('--description <text>', 'what the key is for')
    .option('--owner <username>', 'the person the key belongs to (acts for them as a management key)')
    .option('--group <id>', 'a permission group to give the key (repeatable)', collect)
    .option('--expires <time>', 'when it stops working, ISO 8601 (2026-12-31T23:59:59Z)')
    .option('--ip <address>', 'an address or CIDR it may be used from (repeatable)', collect)
    .option('--disabled', 'create it switched off')
    .option('--meta <json>', 'a JSON object returned on every verification', parseMeta)
    .addHelpText('after', '\nWith --json the answer is {key, token}; e.g. TOKEN=$(keyward keys create --project prj_… --json | jq -r .token)')
    .action(async (options: CreateOptions) => {
      const body: KeyCreate = {
        projectId: options.project,
        ...(options.name !== undefined ? { name: options.name } : {}),
        ...(options.description !== undefined ? { description: options.description } : {}),
        ...(options.owner !== undefined ? { owner: options.owner } : {}),
        ...(options.group ? { groupIds: options.group } : {}),
        ...(options.expires !== undefined ? { expiresAt: options.expires } : {}),
        ...(options.ip ? { ipAllowlist: options.ip } : {}),
        ...(options.disabled ? { enabled: false } : {}),
        ...(options.meta ? { meta: options.meta } : {}),
      };
      const issued = await clientFor(io, options).keys.create(body);
      emit(io, options.json, issued, () => issuedKeyDetails(issued));
    });

  for (const [name, description] of [['enable', 'switch a key on'], ['disable', 'switch a key off (verification answers DISABLED at once)']] as const) {
    remoteCommand(keys, name, description)
      .argument('<id>', 'the key id (key_…)')
      .action(async (id: string, options: RemoteOptions) => {
        const keyward = clientFor(io, options);
        const key = name === 'enable' ? await keyward.keys.enable(id) : await keyward.keys.disable(id);
        emit(io, options.json, key, () => `Key ${key.id} is ${key.status}.`);
      });
  }

  remoteCommand(keys, 'regenerate', 'give a key a new token (printed once); the old one stops after the grace period')
    .argument('<id>', 'the key id (key_…)')
    .option('--grace <seconds>', 'how long the old token keeps working (default 0: it stops at once)', parseWhole)
    .action(async (id: string, options: RemoteOptions & { grace?: number }) => {
      const issued = await clientFor(io, options).keys.regenerate(id, options.grace !== undefined ? { graceSeconds: options.grace } : {});
      emit(io, options.json, issued, () => issuedKeyDetails(issued));
    });

  remoteCommand(keys, 'delete', 'delete a key for good (verification answers NOT_FOUND at once)')
    .argument('<id>', 'the key id (key_…)')
    .action(async (id: string, options: RemoteOptions) => {
      await clientFor(io, options).keys.delete(id);
      emit(io, options.json, { id, deleted: true }, () => `Deleted key ${id}.`);
    });
}
