import { Command, Option } from 'commander';
import type { KeyCreate, KeyUpdate, NamedLimitSetting } from '@keyward/sdk';
import { emit, type CliIo } from '../io.ts';
import { collectParsed, parseCount, parseMeta, parseNamedLimit, parseRatelimit, parseRefill, parseSeconds, type Ratelimit, type Refill } from '../option-values.ts';
import { clientFor, collect, remoteCommand, requireChanges, type RemoteOptions } from '../remote.ts';
import { issuedKeyDetails, keyColumns, keyDetails } from '../views.ts';
import { addDeleteCommand, addListCommand, addShowCommand } from '../resource-commands.ts';

/** `identity` is false with `--no-identity` (on update). */
type IdentityOptions = { identity?: string | false; externalId?: string };
type LimitOptions = { ratelimit?: Ratelimit; limit?: NamedLimitSetting[]; remaining?: number; refill?: Refill };

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
} & IdentityOptions & LimitOptions;

// Commander sets a `--no-…` option's value to false when it is given, and to true otherwise (or
// leaves it unset when the positive option exists too: --ratelimit / --no-ratelimit).
type UpdateOptions = RemoteOptions & IdentityOptions & {
  name?: string;
  description?: string;
  group?: string[];
  /** false with --no-groups. */
  groups: boolean;
  expires?: string;
  expiry: boolean;
  ip?: string[];
  ipAllowlist: boolean;
  meta?: Record<string, unknown>;
  ratelimit?: Ratelimit | false;
  limit?: NamedLimitSetting[];
  limits: boolean;
  remaining?: number;
  quota: boolean;
  refill?: Refill;
};

/** --identity and --external-id, as `keys create` and `keys update` take them. */
function addIdentity(command: Command): Command {
  return command
    .option('--identity <id>', 'the identity (your customer, idt_…) the key belongs to: it shares its limits and quota and carries its meta')
    .addOption(new Option('--external-id <id>', 'the identity by your own id for the customer (instead of --identity)').conflicts('identity'));
}

/** --ratelimit, --limit, --remaining and --refill, as `keys create` and `keys update` take them. */
function addLimits(command: Command): Command {
  return command
    .option('--ratelimit <limit>/<window>', 'at most <limit> verifications per <window> (in ms, s, m, h or d; 1s to 31d), e.g. 100/60s; beyond that, verification answers RATE_LIMITED (the limit named default)', parseRatelimit)
    .addOption(new Option('--limit <name>=<limit>/<window>[:manual]', 'a named limit (repeatable; replaces them all, the one named default too), e.g. tokens=1000/1m; applied to every verification, or with :manual only to those that name it (keyward verify --limit tokens=5)')
      .argParser(collectParsed(parseNamedLimit)).conflicts('ratelimit'))
    .option('--remaining <n>', 'a quota: verifications left before it answers USAGE_EXCEEDED', parseCount)
    .option('--refill <amount>/<interval>', 'reset the quota to <amount> daily or monthly, e.g. 1000/monthly (needs a quota)', parseRefill);
}

/** The limits given on the command line, as the API takes them. */
function limitsOf(options: LimitOptions): Pick<KeyCreate, 'ratelimit' | 'ratelimits' | 'remaining' | 'refill'> {
  return {
    ...(options.ratelimit ? { ratelimit: options.ratelimit } : {}),
    ...(options.limit ? { ratelimits: options.limit } : {}),
    ...(options.remaining !== undefined ? { remaining: options.remaining } : {}),
    ...(options.refill ? { refill: options.refill } : {}),
  };
}

/** The identity given on the command line, as the API takes it (none: `--no-identity`). */
function identityOf(options: IdentityOptions): Pick<KeyCreate, 'identityId' | 'externalId'> {
  return {
    ...(options.identity !== undefined ? { identityId: options.identity || null } : {}),
    ...(options.externalId !== undefined ? { externalId: options.externalId } : {}),
  };
}

/** `keyward keys …`: list, show, create, update, enable, disable, regenerate and delete API keys. */
export function registerKeys(program: Command, io: CliIo): void {
  const keys = program.command('keys').description('manage API keys on a running Keyward');

  addListCommand(keys, io, {
    description: 'list keys, newest first',
    columns: keyColumns,
    query: (options: IdentityOptions & { project?: string; owner?: string; status?: 'active' | 'inactive' | 'expired'; search?: string; expiresBefore?: string }) => ({
      ...(options.project ? { projectId: options.project } : {}),
      ...(options.owner ? { owner: options.owner } : {}),
      ...(options.identity ? { identityId: options.identity } : {}),
      ...(options.externalId ? { externalId: options.externalId } : {}),
      ...(options.status ? { status: options.status } : {}),
      ...(options.search ? { q: options.search } : {}),
      ...(options.expiresBefore ? { expiresBefore: options.expiresBefore } : {}),
    }),
    list: (keyward, q) => keyward.keys.list(q),
  })
    .option('--project <id>', 'only keys of this project')
    .option('--owner <username>', 'only keys this person owns')
    .option('--identity <id>', 'only keys of this identity (idt_…)')
    .option('--external-id <id>', "only keys of the identity with this external id")
    .addOption(new Option('--status <status>', 'only keys in this state').choices(['active', 'inactive', 'expired']))
    .option('--search <text>', 'part of the name, description or key start')
    .option('--expires-before <time>', 'only keys that expire before this time, ISO 8601, and have not yet (with --status expired: that have)');
  addShowCommand(keys, io, { noun: 'key', idPrefix: 'key', get: (keyward, id) => keyward.keys.get(id), details: keyDetails });

  const create = remoteCommand(keys, 'create', 'create a key and print its token (shown this once)')
    .requiredOption('--project <id>', 'the project the key belongs to (its prefix starts the token)')
    .option('--name <name>', 'a name people will recognise')
    .option('--description <text>', 'what the key is for')
    .option('--owner <username>', 'the person the key belongs to (acts for them as a management key)')
    .option('--group <id>', 'a permission group to give the key (repeatable)', collect)
    .option('--expires <time>', 'when it stops working, ISO 8601 (2026-12-31T23:59:59Z)')
    .option('--ip <address>', 'an address or CIDR it may be used from (repeatable)', collect)
    .option('--disabled', 'create it switched off')
    .option('--meta <json>', 'a JSON object returned on every verification', parseMeta);
  addLimits(addIdentity(create))
    .addHelpText('after', '\nWith --json the answer is {key, token}; e.g. TOKEN=$(keyward keys create --project prj_… --json | jq -r .token)\nExample: keyward keys create --project prj_… --external-id acme-corp --limit requests=100/1s --limit tokens=50000/1h:manual')
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
        ...identityOf(options),
        ...limitsOf(options),
      };
      const issued = await clientFor(io, options).keys.create(body);
      emit(io, options.json, issued, () => issuedKeyDetails(issued));
    });

  const update = remoteCommand(keys, 'update', "change a key's settings: only the options given, in force at the very next verification")
    .argument('<id>', 'the key id (key_…)')
    .option('--name <name>', 'a name people will recognise')
    .option('--description <text>', 'what the key is for')
    .option('--group <id>', "a permission group to give the key (repeatable; replaces the key's groups)", collect)
    .addOption(new Option('--no-groups', 'takes every permission group away from the key').conflicts('group'))
    .option('--expires <time>', 'when it stops working, ISO 8601 (2026-12-31T23:59:59Z)')
    .addOption(new Option('--no-expiry', 'it never expires (clears the expiry)').conflicts('expires'))
    .option('--ip <address>', 'an address or CIDR it may be used from (repeatable; replaces the allowlist)', collect)
    .addOption(new Option('--no-ip-allowlist', 'usable from any address (clears the allowlist)').conflicts('ip'))
    .option('--meta <json>', 'a JSON object returned on every verification (replaces the meta)', parseMeta);
  addLimits(addIdentity(update))
    .addOption(new Option('--no-identity', 'the key belongs to no identity any more').conflicts('externalId'))
    .addOption(new Option('--no-ratelimit', 'no rate limit (removes the limit named default)').conflicts('limit'))
    .addOption(new Option('--no-limits', 'no named limits at all (the one named default too)').conflicts(['limit', 'ratelimit']))
    .addOption(new Option('--no-quota', 'no quota: clears remaining and the refill').conflicts(['remaining', 'refill']))
    .addHelpText('after', '\nExamples: keyward keys update key_… --ratelimit 100/60s --remaining 5000 --refill 5000/monthly\n          keyward keys update key_… --external-id acme-corp --limit tokens=1000/1m:manual')
    .action(async (id: string, options: UpdateOptions, command: Command) => {
      const body: KeyUpdate = {
        ...(options.name !== undefined ? { name: options.name } : {}),
        ...(options.description !== undefined ? { description: options.description } : {}),
        ...(options.group ? { groupIds: options.group } : options.groups === false ? { groupIds: [] } : {}),
        ...(options.expires !== undefined ? { expiresAt: options.expires } : options.expiry === false ? { expiresAt: null } : {}),
        ...(options.ip ? { ipAllowlist: options.ip } : options.ipAllowlist === false ? { ipAllowlist: [] } : {}),
        ...(options.meta ? { meta: options.meta } : {}),
        ...(options.ratelimit !== undefined ? { ratelimit: options.ratelimit || null } : {}),
        ...(options.limit ? { ratelimits: options.limit } : options.limits === false ? { ratelimits: [] } : {}),
        ...identityOf(options),
        ...(options.quota === false ? { remaining: null, refill: null } : {}),
        ...(options.remaining !== undefined ? { remaining: options.remaining } : {}),
        ...(options.refill ? { refill: options.refill } : {}),
      };
      requireChanges(body, command);
      const key = await clientFor(io, options).keys.update(id, body);
      emit(io, options.json, key, () => keyDetails(key));
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
    .option('--grace <seconds>', 'how long the old token keeps working (default 0: it stops at once)', parseSeconds)
    .action(async (id: string, options: RemoteOptions & { grace?: number }) => {
      const issued = await clientFor(io, options).keys.regenerate(id, options.grace !== undefined ? { graceSeconds: options.grace } : {});
      emit(io, options.json, issued, () => issuedKeyDetails(issued));
    });

  addDeleteCommand(keys, io, { noun: 'key', idPrefix: 'key', description: 'delete a key for good (verification answers NOT_FOUND at once)', remove: (keyward, id) => keyward.keys.delete(id) });
}
