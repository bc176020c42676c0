import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
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
  /**
   * KEYWARD_METRICS_TOKEN (or the contents of KEYWARD_METRICS_TOKEN_FILE): the bearer token
   * `/metrics` asks for; undefined means it answers loopback clients only.
   */
  metricsToken: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
};

/** A bad setting: the message names the variable and what it expects. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const MIN_SECRET_LENGTH = 32;
// Sent as "Authorization: Bearer <token>": visible ASCII without spaces, long enough not to guess.
const METRICS_TOKEN_PATTERN = /^[\x21-\x7e]{16,512}$/;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * Parses the environment into a Config. Nothing else in Keyward reads `process.env`.
 *
 * @example const config = loadConfig(process.env)
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const portText = nonEmpty(env.PORT) ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${portText}"`);
  }

  const databaseUrl = nonEmpty(env.DATABASE_URL) ?? 'file:./data/keyward.db';
  if (!/^file:.+/.test(databaseUrl) && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be file:<path> (embedded SQLite) or postgres://user@host/db');
  }

  const redisUrl = nonEmpty(env.REDIS_URL);
  if (redisUrl !== undefined && !/^rediss?:\/\/.+/.test(redisUrl)) {
    throw new ConfigError('REDIS_URL must be redis://host:port (or rediss:// for TLS)');
  }

  const redisPrefix = nonEmpty(env.KEYWARD_REDIS_PREFIX) ?? 'keyward:';
  if (!/^[A-Za-z0-9:_.-]{1,64}$/.test(redisPrefix)) {
    throw new ConfigError('KEYWARD_REDIS_PREFIX must be 1-64 letters, digits or :_.- characters');
  }

  const secret = nonEmpty(env.KEYWARD_SECRET);
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `KEYWARD_SECRET must be at least ${MIN_SECRET_LENGTH} characters (e.g. the output of "openssl rand -base64 48")`,
    );
  }

  const adminUsername = nonEmpty(env.KEYWARD_ADMIN_USERNAME);
  const adminPassword = nonEmpty(env.KEYWARD_ADMIN_PASSWORD);
  if ((adminUsername === undefined) !== (adminPassword === undefined)) {
    throw new ConfigError('KEYWARD_ADMIN_USERNAME and KEYWARD_ADMIN_PASSWORD must be set together');
  }
  if (adminPassword !== undefined && adminPassword.length < 12) {
    throw new ConfigError('KEYWARD_ADMIN_PASSWORD must be at least 12 characters');
  }
  if (adminUsername !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}$/.test(adminUsername)) {
    throw new ConfigError('KEYWARD_ADMIN_USERNAME must be 2-64 letters, digits or _.@- characters');
  }

  const verifyAuth = nonEmpty(env.KEYWARD_VERIFY_AUTH) ?? 'none';
  if (verifyAuth !== 'none' && verifyAuth !== 'required') {
    throw new ConfigError(`KEYWARD_VERIFY_AUTH must be "none" or "required", got "${verifyAuth}"`);
  }

  const trustedProxies = (nonEmpty(env.KEYWARD_TRUSTED_PROXIES) ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of trustedProxies) {
    if (allowlistEntryError(entry)) {
      throw new ConfigError(`KEYWARD_TRUSTED_PROXIES must be a comma-separated list of addresses or CIDRs; "${entry}" is neither`);
    }
  }

  // Off by default: a webhook URL is chosen by an API user, and could otherwise reach services
  // only this machine or its network can (SSRF). On for receivers on the same host or network.
  const webhookAllowPrivate = nonEmpty(env.KEYWARD_WEBHOOK_ALLOW_PRIVATE) ?? 'false';
  if (webhookAllowPrivate !== 'true' && webhookAllowPrivate !== 'false') {
    throw new ConfigError(`KEYWARD_WEBHOOK_ALLOW_PRIVATE must be "true" or "false", got "${webhookAllowPrivate.slice(0, 40)}"`);
  }

  // Without a limit a client could hold a connection and its buffers for ever by sending a body
  // shorter than its Content-Length (Node's own limit is off in servers made for Fastify).
  const requestTimeoutText = nonEmpty(env.KEYWARD_REQUEST_TIMEOUT_MS) ?? '30000';
  const requestTimeoutMs = Number(requestTimeoutText);
  if (!/^\d+$/.test(requestTimeoutText) || requestTimeoutMs < 1000 || requestTimeoutMs > 3_600_000) {
    throw new ConfigError(`KEYWARD_REQUEST_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 3600000, got "${requestTimeoutText.slice(0, 40)}"`);
  }

  const metricsToken = readMetricsToken(env);

  const logLevel = nonEmpty(env.LOG_LEVEL) ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }

  const dataDir = databaseUrl.startsWith('file:')
    ? resolve(dirname(databaseUrl.slice('file:'.length)))
    : resolve('data');

  return {
    port,
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    databaseUrl,
    redisUrl,
    redisPrefix,
    secret,
    dataDir,
    adminUsername,
    adminPassword,
    verifyAuth,
    trustedProxies,
    webhookAllowPrivate: webhookAllowPrivate === 'true',
    requestTimeoutMs,
    metricsToken,
    logLevel: logLevel as Config['logLevel'],
  };
}

/**
 * KEYWARD_METRICS_TOKEN, or the first line of the file KEYWARD_METRICS_TOKEN_FILE names (a
 * Docker or Kubernetes secret), not both. Messages never repeat the token.
 */
function readMetricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const direct = nonEmpty(env.KEYWARD_METRICS_TOKEN);
  const file = nonEmpty(env.KEYWARD_METRICS_TOKEN_FILE);
  if (direct !== undefined && file !== undefined) {
    throw new ConfigError('set KEYWARD_METRICS_TOKEN or KEYWARD_METRICS_TOKEN_FILE, not both');
  }
  let token = direct;
  let name = 'KEYWARD_METRICS_TOKEN';
  if (file !== undefined) {
    name = 'KEYWARD_METRICS_TOKEN_FILE';
    try {
      token = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new ConfigError(`KEYWARD_METRICS_TOKEN_FILE names a file that cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${file}`);
    }
  }
  if (token !== undefined && !METRICS_TOKEN_PATTERN.test(token)) {
    throw new ConfigError(`${name} must hold 16 to 512 visible ASCII characters without spaces (e.g. the output of "openssl rand -hex 32")`);
  }
  return token;
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
    throw new ConfigError(`the secret file ${path} is shorter than ${MIN_SECRET_LENGTH} characters; delete it to generate a new one`);
  }
  return Buffer.from(secret, 'utf8');
}
