import { Command, Option } from 'commander';
import type { IdentityCreate, IdentityUpdate, NamedLimitSetting } from '@keyward/sdk';
import { emit, type CliIo } from '../io.ts';
import { collectParsed, parseCount, parseMeta, parseNamedLimit, parseRefill, type Refill } from '../option-values.ts';
import { addPaging, clientFor, pageOf, remoteCommand, requireChanges, type RemoteOptions } from '../remote.ts';
import { identityColumns, identityDetails, pageTable } from '../views.ts';

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

  addPaging(remoteCommand(identities, 'list', 'list identities, newest first'))
    .option('--search <text>', 'part of the external id')
    .action(async (options: RemoteOptions & { search?: string; limit?: number; cursor?: string; all?: boolean }) => {
      const keyward = clientFor(io, options);
      const page = await pageOf(options, options.search ? { q: options.search } : {}, (q) => keyward.identities.list(q));
      emit(io, options.json, page, () => pageTable(page, identityColumns, 'identities', 'keyward identities list'));
    });

  remoteCommand(identities, 'show', 'show one identity')
    .argument('<id>', 'the identity id (idt_…)')
    .action(async (id: string, options: RemoteOptions) => {
      const identity = await clientFor(io, options).identities.get(id);
      emit(io, options.json, identity, () => identityDetails(identity));
    });

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

  remoteCommand(identities, 'delete', 'delete an identity')
    .argument('<id>', 'the identity id (idt_…)')
    .option('--force', 'also delete the keys that belong to it (otherwise refused while there are any)')
    .action(async (id: string, options: RemoteOptions & { force?: boolean }) => {
      await clientFor(io, options).identities.delete(id, { force: options.force === true });
      emit(io, options.json, { id, deleted: true }, () => `Deleted identity ${id}.`);
    });
}
