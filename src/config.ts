import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { Type, type Static, type TSchema } from 'typebox';
import { PASSWORD_LENGTH, PASSWORD_RULE, USERNAME_PATTERN, USERNAME_RULE } from './domain/credentials.ts';
import { readConfigFile } from './config-file.ts';
import { allowlistEntryError } from './domain/ip-allowlist.ts';

/** Everything Keyward reads from its environment, parsed and checked. */
export type Config = {
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel, so deployments (and test runs) can share a Redis. */
  redisPrefix: string;
  /** From KEYWARD_SECRET; undefined means "use or create the one in the data directory". */
  secret: string | undefined;
  /** Where generated files (the secret, the SQLite file by default) live. */
  dataDir: string;
  adminUsername: string | undefined;
  adminPassword: string | undefined;
  verifyAuth: 'none' | 'required';
  trustedProxies: string[];
  /** KEYWARD_WEBHOOK_ALLOW_PRIVATE: webhooks may call loopback, private and link-local addresses. */
  webhookAllowPrivate: boolean;
  /** KEYWARD_REQUEST_TIMEOUT_MS: how long a client may take to send a whole request (headers and body). */
  requestTimeoutMs: number;
  /** KEYWARD_KEY_CACHE_SIZE: how many keys the verification cache holds (and as many unknown tokens). */
  keyCacheSize: number;
  /** KEYWARD_METRICS_TOKEN: the bearer token `/metrics` asks for; undefined: loopback clients only. */
  metricsToken: string | undefined;
  /** KEYWARD_PUBLIC_URL: where people reach Keyward (portal links start with it); undefined: the request's own origin. */
  publicUrl: string | undefined;
  /** KEYWARD_PORTAL_FRAME_ANCESTORS: origins whose pages may frame the self-service portal. */
  portalFrameAncestors: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
};

/** Bad settings: the message names every variable that is wrong and what it expects. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  /** One line per problem, as `keyward config check` prints them. */
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.problems = problems;
  }
}

const MIN_SECRET_LENGTH = 32;

// `expects` completes "<NAME> must be …" in the message; a `secret` value is never repeated
// back, and may come from the file that `<NAME>_FILE` names (a Docker or Kubernetes secret).
const setting = <T extends TSchema>(schema: T, expects: string, options: { secret?: boolean } = {}) =>
  Type.Optional(Type.Unsafe<Static<T>>({ ...schema, description: expects, secret: options.secret === true }));

/** The environment Keyward reads, as a schema: types, ranges and patterns of every variable. */
export const EnvironmentSchema = Type.Object({
  PORT: setting(Type.Integer({ minimum: 0, maximum: 65535 }), 'a whole number from 0 to 65535'),
  HOST: setting(Type.String({ minLength: 1 }), 'an address or host name to listen on'),
  DATABASE_URL: setting(Type.String({ pattern: '^(file:.+|postgres(ql)?://.+)$' }), 'file:<path> (embedded SQLite) or postgres://user@host/db', { secret: true }),
  REDIS_URL: setting(Type.String({ pattern: '^rediss?://.+' }), 'redis://host:port (or rediss:// for TLS)', { secret: true }),
  KEYWARD_REDIS_PREFIX: setting(Type.String({ pattern: '^[A-Za-z0-9:_.-]{1,64}$' }), '1-64 letters, digits or :_.- characters'),
  KEYWARD_SECRET: setting(Type.String({ minLength: MIN_SECRET_LENGTH }), `at least ${MIN_SECRET_LENGTH} characters (e.g. the output of "openssl rand -base64 48")`, { secret: true }),
  KEYWARD_ADMIN_USERNAME: setting(Type.String({ pattern: USERNAME_PATTERN }), USERNAME_RULE),
  KEYWARD_ADMIN_PASSWORD: setting(Type.String({ minLength: PASSWORD_LENGTH.min, maxLength: PASSWORD_LENGTH.max }), PASSWORD_RULE, { secret: true }),
  KEYWARD_VERIFY_AUTH: setting(Type.Union([Type.Literal('none'), Type.Literal('required')]), '"none" or "required"'),
  KEYWARD_TRUSTED_PROXIES: setting(Type.String(), 'a comma-separated list of addresses or CIDRs'),
  KEYWARD_WEBHOOK_ALLOW_PRIVATE: setting(Type.Union([Type.Literal('true'), Type.Literal('false')]), '"true" or "false"'),
  KEYWARD_REQUEST_TIMEOUT_MS: setting(Type.Integer({ minimum: 1000, maximum: 3_600_000 }), 'a whole number of milliseconds from 1000 to 3600000'),
  // Sent as "Authorization: Bearer <token>": visible ASCII without spaces, long enough not to guess.
  KEYWARD_KEY_CACHE_SIZE: setting(Type.Integer({ minimum: 10, maximum: 10_000_000 }), 'a whole number from 10 to 10000000'),
  KEYWARD_METRICS_TOKEN: setting(Type.String({ pattern: '^[\\x21-\\x7e]{16,512}$' }), '16 to 512 visible ASCII characters without spaces (e.g. the output of "openssl rand -hex 32")', { secret: true }),
  KEYWARD_PUBLIC_URL: setting(Type.String({ pattern: '^https?://[^/?#@\\s]+(/[^?#\\s]*)?$' }), 'an http(s) URL without query, fragment or credentials, e.g. https://keys.example.com'),
  // Origins go into the portal's Content-Security-Policy: host characters only, never ; or quotes.
  KEYWARD_PORTAL_FRAME_ANCESTORS: setting(Type.String({ pattern: '^\\s*https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(\\s*[ ,]\\s*https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?)*\\s*$' }), 'origins (https://app.example.com) separated by spaces or commas'),
  LOG_LEVEL: setting(Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level))), 'one of fatal, error, warn, info, debug, trace, silent'),
});

type Environment = Static<typeof EnvironmentSchema>;
type Name = keyof Environment & string;

const properties = EnvironmentSchema.properties as unknown as Record<Name, { description: string; secret: boolean }>;
const NAMES = Object.keys(properties) as Name[];
/** What a config file may set: every name, and `<NAME>_FILE` for the secrets. */
const FILE_KEYS = new Set<string>([...NAMES, ...NAMES.filter((name) => properties[name].secret).map((name) => `${name}_FILE`)]);

// Numbers arrive as text: coerced by the schema. Every problem is reported, not only the first.
const validate = new Ajv({ allErrors: true, coerceTypes: true, strict: false }).compile<Environment>(EnvironmentSchema);

/** Where `loadConfig` reads settings besides the environment. */
export type ConfigOptions = {
  /**
   * A TOML or JSON file of settings under the environment's names (`keyward serve --config`);
   * a variable set in the environment wins over the file. Default: the file KEYWARD_CONFIG names.
   */
  file?: string;
};

/** Where a setting was found: the name it was set under (`KEYWARD_SECRET_FILE`), and the config file unless it was the environment. */
export type SettingOrigin = { name: string; file: string | undefined };

/** What `checkConfig` found: every problem, else the config; and where each setting came from. */
export type ConfigCheck = { config: Config | undefined; problems: string[]; file: string | undefined; origins: SettingOrigin[] };

/** The environment, or the config file: the places settings are read from, in order of precedence. */
type Source = { values: Readonly<Record<string, unknown>>; file: string | undefined };

// Empty counts as unset, in the environment (`PORT=` in a compose file) and in a file ("" or null).
const isUnset = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
const where = (origin: SettingOrigin) => (origin.file === undefined ? '' : ` (in ${origin.file})`);

/**
 * Each setting from the first source that sets it (under its name, or `<NAME>_FILE` for a
 * secret, whose file is read). Problems with the secret files are collected, not thrown.
 */
function readSettings(sources: Source[], problems: string[]): { raw: Record<string, unknown>; origins: Partial<Record<Name, SettingOrigin>> } {
  const raw: Record<string, unknown> = {};
  const origins: Partial<Record<Name, SettingOrigin>> = {};
  for (const name of NAMES) {
    const fileName = `${name}_FILE`;
    const secret = properties[name].secret;
    const source = sources.find(({ values }) => !isUnset(values[name]) || (secret && !isUnset(values[fileName])));
    if (source === undefined) continue;
    const path = secret ? source.values[fileName] : undefined;
    if (!isUnset(source.values[name]) && !isUnset(path)) {
      problems.push(`set ${name} or ${fileName}, not both${where({ name, file: source.file })}`);
    } else if (!isUnset(path)) {
      const origin = (origins[name] = { name: fileName, file: source.file });
      if (typeof path !== 'string') {
        problems.push(`${fileName} must be the path of a file${where(origin)}`);
        continue;
      }
      try {
        raw[name] = readFileSync(path, 'utf8').trim();
      } catch (error) {
        problems.push(`${fileName} names a file that cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${path}${where(origin)}`);
      }
    } else {
      origins[name] = { name, file: source.file };
      raw[name] = source.values[name];
    }
  }
  return { raw, origins };
}

/** A refused value as the message shows it: text quoted and cut short, structures by kind. */
function shown(value: unknown): string {
  if (typeof value === 'string') return `"${value.slice(0, 40)}"`;
  if (value instanceof Date) return 'a date';
  return Array.isArray(value) ? 'a list' : 'a table';
}

function describe(error: ErrorObject, raw: Record<string, unknown>, origins: Partial<Record<Name, SettingOrigin>>): string {
  const name = error.instancePath.split('/')[1] as Name;
  const { description, secret } = properties[name];
  const origin = origins[name] ?? { name, file: undefined };
  // A secret is never repeated back, wherever it was read from.
  return `${origin.name} must be ${description}${secret ? '' : `, got ${shown(raw[name])}`}${where(origin)}`;
}

/**
 * Reads the settings from the environment and the config file (the environment wins), checked
 * against `EnvironmentSchema`, and answers every problem at once, one line each, with where
 * each setting came from (`keyward config check`). Never throws for bad settings.
 *
 * @example const { problems } = checkConfig(process.env, { file: 'keyward.toml' })
 */
export function checkConfig(env: NodeJS.ProcessEnv, options: ConfigOptions = {}): ConfigCheck {
  const problems: string[] = [];
  const file = options.file ?? (isUnset(env.KEYWARD_CONFIG) ? undefined : env.KEYWARD_CONFIG);
  const sources: Source[] = [{ values: env, file: undefined }];
  if (file !== undefined) sources.push({ values: readConfigFile(file, FILE_KEYS, problems), file });
  const { raw, origins } = readSettings(sources, problems);
  const parsed: Record<string, unknown> = { ...raw };
  if (!validate(parsed)) {
    // One line per variable (a union reports each branch it tried).
    const lines = new Set(validate.errors!.filter((error) => error.instancePath !== '').map((error) => describe(error, raw, origins)));
    problems.push(...lines);
  }
  const settings = parsed as Environment;
  if ((raw.KEYWARD_ADMIN_USERNAME === undefined) !== (raw.KEYWARD_ADMIN_PASSWORD === undefined)) {
    problems.push('KEYWARD_ADMIN_USERNAME and KEYWARD_ADMIN_PASSWORD must be set together');
  }
  const proxies = typeof settings.KEYWARD_TRUSTED_PROXIES === 'string' ? settings.KEYWARD_TRUSTED_PROXIES : '';
  const trustedProxies = proxies.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const entry of trustedProxies) {
    if (allowlistEntryError(entry)) problems.push(`KEYWARD_TRUSTED_PROXIES must be a comma-separated list of addresses or CIDRs; "${entry.slice(0, 64)}" is neither`);
  }
  const found = Object.values(origins);
  return { config: problems.length > 0 ? undefined : configFrom(settings, trustedProxies), problems, file, origins: found };
}

/**
 * Parses the environment (and the config file `options.file` or KEYWARD_CONFIG names) into a
 * Config; a ConfigError lists every problem at once. Nothing else in Keyward reads `process.env`.
 *
 * @example const config = loadConfig(process.env)
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: ConfigOptions = {}): Config {
  const { config, problems } = checkConfig(env, options);
  if (config === undefined) throw new ConfigError(problems);
  return config;
}

/** The typed Config of settings that passed every check, with the defaults filled in. */
function configFrom(settings: Environment, trustedProxies: string[]): Config {
  const databaseUrl = settings.DATABASE_URL ?? 'file:./data/keyward.db';
  return {
    port: settings.PORT ?? 8080,
    host: settings.HOST ?? '127.0.0.1',
    databaseUrl,
    redisUrl: settings.REDIS_URL,
    redisPrefix: settings.KEYWARD_REDIS_PREFIX ?? 'keyward:',
    secret: settings.KEYWARD_SECRET,
    dataDir: databaseUrl.startsWith('file:') ? resolve(dirname(databaseUrl.slice('file:'.length))) : resolve('data'),
    adminUsername: settings.KEYWARD_ADMIN_USERNAME,
    adminPassword: settings.KEYWARD_ADMIN_PASSWORD,
    verifyAuth: settings.KEYWARD_VERIFY_AUTH ?? 'none',
    trustedProxies,
    // Off by default: a webhook URL is chosen by an API user, and could otherwise reach services
    // only this machine or its network can (SSRF). On for receivers on the same host or network.
    webhookAllowPrivate: settings.KEYWARD_WEBHOOK_ALLOW_PRIVATE === 'true',
    // Without a limit a client could hold a connection and its buffers for ever by sending a
    // body shorter than its Content-Length (Node's own limit is off in servers made for Fastify).
    requestTimeoutMs: settings.KEYWARD_REQUEST_TIMEOUT_MS ?? 30_000,
    keyCacheSize: settings.KEYWARD_KEY_CACHE_SIZE ?? 200_000,
    metricsToken: settings.KEYWARD_METRICS_TOKEN,
    publicUrl: settings.KEYWARD_PUBLIC_URL,
    portalFrameAncestors: (settings.KEYWARD_PORTAL_FRAME_ANCESTORS ?? '').split(/[\s,]+/).filter((origin) => origin !== ''),
    logLevel: (settings.LOG_LEVEL ?? 'info') as Config['logLevel'],
  };
}

/**
 * The server secret: KEYWARD_SECRET when set, else the one generated on first start into
 * `<dataDir>/secret` with mode 0600 (readable by the service's user alone), in a folder created
 * 0700 if it was not there.
 */
export function resolveSecret(config: Config): Buffer {
  if (config.secret !== undefined) return Buffer.from(config.secret, 'utf8');
  const path = join(config.dataDir, 'secret');
  if (!existsSync(path)) {
    // Only what Keyward creates here is made private (0700); an existing folder keeps its mode.
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(path, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(path, 0o600);
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError([`the secret file ${path} is shorter than ${MIN_SECRET_LENGTH} characters; delete it to generate a new one`]);
  }
  return Buffer.from(secret, 'utf8');
}
