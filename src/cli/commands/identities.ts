import { Command, Option } from 'commander';
import type { IdentityCreate, IdentityUpdate, NamedLimitSetting } from '@keyward/sdk';
import { emit, type CliIo } from '../io.ts';
import { collectParsed, parseCount, parseMeta, parseNamedLimit, parseRefill, type Refill } from '../option-values.ts';
import { clientFor, remoteCommand, requireChanges, type RemoteOptions } from '../remote.ts';
import { identityColumns, identityDetails } from '../views.ts';
import { addDeleteCommand, addListCommand, addShowCommand, searchQuery } from '../resource-commands.ts';

type SettingOptions = { meta?: Record<string, unknown>; limit?: NamedLimitSetting[]; remaining?: number; refill?: Refill };
// Commander sets a `--no-…` option's value to false when it is given, and to true otherwise.
type UpdateOptions = RemoteOptions & SettingOptions & { externalId?: string; limits: boolean; quota: boolean };

/** --meta, --limit, --remaining and --refill, as `identities create` and `identities update` take them. */
function addSettings(command: Command): Command {
  return command
    .option('--meta <json>', 'a JSON object returned with every verification of its keys (as identity.meta)', parseMeta)
    .option('--limit <name>=<limit>/<window>[:manual]', 'a named limit shared by all its keys (repeatable; replaces them all), e.g. requests=1000/1m; applied to every verification of its keys, or with :manual only to those that name it', collectParsed(parseNamedLimit))
    .option('--remaining <n>', 'a quota shared by its keys: verifications left before they answer USAGE_EXCEEDED', parseCount)
    .option('--refill <amount>/<interval>', 'reset the quota to <amount> daily or monthly, e.g. 100000/monthly (needs a quota)', parseRefill);
}

/** The settings given on the command line, as the API takes them. */
function settingsOf(options: SettingOptions): Omit<IdentityUpdate, 'externalId'> {
  return {
    ...(options.meta ? { meta: options.meta } : {}),
    ...(options.limit ? { ratelimits: options.limit } : {}),
    ...(options.remaining !== undefined ? { remaining: options.remaining } : {}),
    ...(options.refill ? { refill: options.refill } : {}),
  };
}

/**
 * `keyward identities …`: your customers (not console users). Their keys share their named
 * limits and quota, and carry their meta into every verification.
 */
export function registerIdentities(program: Command, io: CliIo): void {
  const identities = program.command('identities').description('manage identities (your customers, whose keys share their limits) on a running Keyward');

  addListCommand(identities, io, { description: 'list identities, newest first', columns: identityColumns, query: searchQuery, list: (keyward, q) => keyward.identities.list(q) })
    .option('--search <text>', 'part of the external id');
  addShowCommand(identities, io, { noun: 'identity', idPrefix: 'idt', get: (keyward, id) => keyward.identities.get(id), details: identityDetails });

  addSettings(
    remoteCommand(identities, 'create', 'create an identity for one of your customers')
      .requiredOption('--external-id <id>', 'your own id for the customer (unique, 1-255 characters); keys can point at it by this id'),
  )
    .addHelpText('after', '\nExample: keyward identities create --external-id acme-corp --meta \'{"plan":"pro"}\' --limit requests=1000/1m --limit tokens=100000/1h:manual --remaining 1000000 --refill 1000000/monthly')
    .action(async (options: RemoteOptions & SettingOptions & { externalId: string }) => {
      const body: IdentityCreate = { externalId: options.externalId, ...settingsOf(options) };
      const identity = await clientFor(io, options).identities.create(body);
      emit(io, options.json, identity, () => identityDetails(identity));
    });

  addSettings(
    remoteCommand(identities, 'update', "change an identity's settings: only the options given, in force at its keys' very next verification")
      .argument('<id>', 'the identity id (idt_…)')
      .option('--external-id <id>', 'a new external id (unique)'),
  )
    .addOption(new Option('--no-limits', 'no named limits').conflicts('limit'))
    .addOption(new Option('--no-quota', 'no quota: clears remaining and the refill').conflicts(['remaining', 'refill']))
    .addHelpText('after', '\nExample: keyward identities update idt_… --limit requests=500/1m --remaining 5000')
    .action(async (id: string, options: UpdateOptions, command: Command) => {
      const body: IdentityUpdate = {
        ...(options.externalId !== undefined ? { externalId: options.externalId } : {}),
        ...(options.limits === false ? { ratelimits: [] } : {}),
        ...(options.quota === false ? { remaining: null, refill: null } : {}),
        ...settingsOf(options),
      };
      requireChanges(body, command);
      const identity = await clientFor(io, options).identities.update(id, body);
      emit(io, options.json, identity, () => identityDetails(identity));
    });

  addDeleteCommand(identities, io, {
    noun: 'identity',
    idPrefix: 'idt',
    description: 'delete an identity',
    force: 'also delete the keys that belong to it (otherwise refused while there are any)',
    remove: (keyward, id, force) => keyward.identities.delete(id, { force }),
  });
}
