import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig, ConfigError, loadConfig } from './config.ts';
import { withScratchDir } from '../test/support/scratch-dir.ts';

describe('loadConfig', () => {
  it('has the contract defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: 'file:./data/keyward.db', verifyAuth: 'none', logLevel: 'info', trustedProxies: [] });
    expect(config.secret).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.webhookAllowPrivate).toBe(false);
    expect(config.requestTimeoutMs).toBe(30_000);
  });

  it('reads KEYWARD_WEBHOOK_ALLOW_PRIVATE', () => {
    expect(loadConfig({ KEYWARD_WEBHOOK_ALLOW_PRIVATE: 'true' }).webhookAllowPrivate).toBe(true);
    expect(loadConfig({ KEYWARD_WEBHOOK_ALLOW_PRIVATE: 'false' }).webhookAllowPrivate).toBe(false);
  });

  it('reads the metrics token from KEYWARD_METRICS_TOKEN or the file KEYWARD_METRICS_TOKEN_FILE names', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ KEYWARD_METRICS_TOKEN: 'metrics-token-0123456789' }).metricsToken).toBe('metrics-token-0123456789');
    const dir = mkdtempSync(join(tmpdir(), 'keyward-config-'));
    try {
      const file = join(dir, 'metrics-token');
      writeFileSync(file, 'from-a-file-0123456789\n');
      expect(loadConfig({ KEYWARD_METRICS_TOKEN_FILE: file }).metricsToken).toBe('from-a-file-0123456789');
      writeFileSync(file, 'short\n');
      expect(() => loadConfig({ KEYWARD_METRICS_TOKEN_FILE: file })).toThrow(/KEYWARD_METRICS_TOKEN_FILE must/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads every secret from <NAME>_FILE (container secrets), never both ways', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyward-config-'));
    try {
      const file = (name: string, text: string) => {
        writeFileSync(join(dir, name), `${text}\n`);
        return join(dir, name);
      };
      const config = loadConfig({
        KEYWARD_SECRET_FILE: file('secret', 's'.repeat(40)),
        KEYWARD_ADMIN_USERNAME: 'root',
        KEYWARD_ADMIN_PASSWORD_FILE: file('password', 'a-long-admin-password'),
        DATABASE_URL_FILE: file('database', 'postgres://keyward:pw@db/keyward'),
        REDIS_URL_FILE: file('redis', 'redis://:pw@cache:6379'),
      });
      expect(config).toMatchObject({ secret: 's'.repeat(40), adminPassword: 'a-long-admin-password', databaseUrl: 'postgres://keyward:pw@db/keyward', redisUrl: 'redis://:pw@cache:6379' });
      expect(() => loadConfig({ KEYWARD_SECRET: 'x'.repeat(40), KEYWARD_SECRET_FILE: file('again', 'y'.repeat(40)) })).toThrow(/KEYWARD_SECRET or KEYWARD_SECRET_FILE, not both/);
      expect(() => loadConfig({ KEYWARD_SECRET_FILE: file('short', 'tiny-secret') })).toThrow(expect.objectContaining({ message: expect.stringMatching(/^KEYWARD_SECRET_FILE must be at least 32/) }));
      expect(() => loadConfig({ KEYWARD_SECRET_FILE: file('short2', 'tiny-secret') })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('tiny-secret') }));
      // Files are only for secrets: a *_FILE of another setting is not read.
      expect(loadConfig({ PORT_FILE: file('port', '9999') }).port).toBe(8080);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports every problem at once, one line each', () => {
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', KEYWARD_SECRET: 'short-secret-value', KEYWARD_ADMIN_USERNAME: 'root' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { problems } = error as ConfigError;
      expect(problems).toHaveLength(4);
      expect(problems.map((line) => line.split(' ')[0])).toEqual(expect.arrayContaining(['PORT', 'LOG_LEVEL', 'KEYWARD_SECRET', 'KEYWARD_ADMIN_USERNAME']));
      expect(problems.join('\n')).not.toContain('short-secret-value');
    }
  });

  it('never repeats a refused metrics token', () => {
    expect(() => loadConfig({ KEYWARD_METRICS_TOKEN: 'secret value 0123456789' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret value') }));
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@localhost/db',
      REDIS_URL: 'redis://127.0.0.1:6379',
      KEYWARD_SECRET: 'x'.repeat(40),
      KEYWARD_ADMIN_USERNAME: 'root',
      KEYWARD_ADMIN_PASSWORD: 'long-enough-password',
      KEYWARD_VERIFY_AUTH: 'required',
      KEYWARD_TRUSTED_PROXIES: '10.0.0.0/8, ::1',
      KEYWARD_REQUEST_TIMEOUT_MS: '120000',
      KEYWARD_KEY_CACHE_SIZE: '1000000',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({ keyCacheSize: 1_000_000, requestTimeoutMs: 120_000, port: 9000, host: '0.0.0.0', verifyAuth: 'required', trustedProxies: ['10.0.0.0/8', '::1'], logLevel: 'debug', adminUsername: 'root' });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL/],
    [{ KEYWARD_SECRET: 'short' }, /KEYWARD_SECRET/],
    [{ KEYWARD_ADMIN_USERNAME: 'admin' }, /KEYWARD_ADMIN_USERNAME and KEYWARD_ADMIN_PASSWORD/],
    [{ KEYWARD_ADMIN_USERNAME: 'admin', KEYWARD_ADMIN_PASSWORD: 'short' }, /KEYWARD_ADMIN_PASSWORD/],
    [{ KEYWARD_VERIFY_AUTH: 'maybe' }, /KEYWARD_VERIFY_AUTH/],
    [{ KEYWARD_TRUSTED_PROXIES: '10.0.0.0/8,nope' }, /KEYWARD_TRUSTED_PROXIES.*nope/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ KEYWARD_KEY_CACHE_SIZE: '9' }, /KEYWARD_KEY_CACHE_SIZE/],
    [{ KEYWARD_KEY_CACHE_SIZE: 'lots' }, /KEYWARD_KEY_CACHE_SIZE/],
    [{ KEYWARD_WEBHOOK_ALLOW_PRIVATE: 'yes' }, /KEYWARD_WEBHOOK_ALLOW_PRIVATE/],
    [{ KEYWARD_REQUEST_TIMEOUT_MS: '0' }, /KEYWARD_REQUEST_TIMEOUT_MS/],
    [{ KEYWARD_REQUEST_TIMEOUT_MS: '999' }, /KEYWARD_REQUEST_TIMEOUT_MS/],
    [{ KEYWARD_REQUEST_TIMEOUT_MS: '30s' }, /KEYWARD_REQUEST_TIMEOUT_MS/],
    [{ KEYWARD_REQUEST_TIMEOUT_MS: '3600001' }, /KEYWARD_REQUEST_TIMEOUT_MS/],
    [{ KEYWARD_METRICS_TOKEN: 'too-short' }, /KEYWARD_METRICS_TOKEN must/],
    [{ KEYWARD_METRICS_TOKEN: 'has a space in it, sixteen+' }, /KEYWARD_METRICS_TOKEN must/],
    [{ KEYWARD_METRICS_TOKEN: 'a'.repeat(20), KEYWARD_METRICS_TOKEN_FILE: '/etc/hostname' }, /not both/],
    [{ KEYWARD_METRICS_TOKEN_FILE: '/nonexistent/metrics-token' }, /KEYWARD_METRICS_TOKEN_FILE.*cannot be read/],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('the config file', () => {
  const { dir, file } = withScratchDir('keyward-config-');
  const secretFile = file('secret', `${'f'.repeat(40)}\n`);

  it('gives the same settings, under the same names, as the environment', () => {
    const toml = file('keyward.toml', [
      'DATABASE_URL = "file:./data/keyward.db"',
      `KEYWARD_SECRET_FILE = "${secretFile}"`,
      'PORT = 9000',
      'KEYWARD_WEBHOOK_ALLOW_PRIVATE = true',
      'KEYWARD_TRUSTED_PROXIES = "10.0.0.0/8, ::1"',
      'LOG_LEVEL = "debug"',
    ].join('\n'));
    const fromFile = loadConfig({}, { file: toml });
    const fromEnvironment = loadConfig({ DATABASE_URL: 'file:./data/keyward.db', KEYWARD_SECRET_FILE: secretFile, PORT: '9000', KEYWARD_WEBHOOK_ALLOW_PRIVATE: 'true', KEYWARD_TRUSTED_PROXIES: '10.0.0.0/8, ::1', LOG_LEVEL: 'debug' });
    expect(fromFile).toEqual(fromEnvironment);
    expect(fromFile).toMatchObject({ port: 9000, secret: 'f'.repeat(40), webhookAllowPrivate: true, trustedProxies: ['10.0.0.0/8', '::1'], logLevel: 'debug' });
    const json = file('keyward.json', JSON.stringify({ DATABASE_URL: 'file:./data/keyward.db', KEYWARD_SECRET_FILE: secretFile, PORT: 9000, KEYWARD_WEBHOOK_ALLOW_PRIVATE: true, KEYWARD_TRUSTED_PROXIES: '10.0.0.0/8, ::1', LOG_LEVEL: 'debug' }));
    expect(loadConfig({}, { file: json })).toEqual(fromEnvironment);
  });

  it('loses to the environment, setting by setting, a secret in either form included', () => {
    const toml = file('precedence.toml', [`KEYWARD_SECRET_FILE = "${secretFile}"`, 'PORT = 9000', 'HOST = "0.0.0.0"', 'LOG_LEVEL = "debug"'].join('\n'));
    const config = loadConfig({ KEYWARD_SECRET: 'e'.repeat(40), PORT: '9100', LOG_LEVEL: '' }, { file: toml });
    // The environment's KEYWARD_SECRET wins over the file's KEYWARD_SECRET_FILE (no "not both");
    // an empty variable is unset, so the file's LOG_LEVEL holds.
    expect(config).toMatchObject({ secret: 'e'.repeat(40), port: 9100, host: '0.0.0.0', logLevel: 'debug' });
    const { origins } = checkConfig({ KEYWARD_SECRET: 'e'.repeat(40), PORT: '9100' }, { file: toml });
    expect(origins).toEqual(expect.arrayContaining([{ name: 'KEYWARD_SECRET', file: undefined }, { name: 'PORT', file: undefined }, { name: 'HOST', file: toml }, { name: 'LOG_LEVEL', file: toml }]));
    expect(origins).toHaveLength(4);
  });

  it('is the file KEYWARD_CONFIG names, unless one is given', () => {
    const named = file('named.toml', 'PORT = 9001');
    const given = file('given.json', '{"PORT": 9002}');
    expect(loadConfig({ KEYWARD_CONFIG: named }).port).toBe(9001);
    expect(loadConfig({ KEYWARD_CONFIG: named }, { file: given }).port).toBe(9002);
    expect(loadConfig({ KEYWARD_CONFIG: '' }).port).toBe(8080);
    expect(checkConfig({ KEYWARD_CONFIG: named }).file).toBe(named);
  });

  it('reports every problem of the file and the environment at once, one line each, naming where', () => {
    const toml = file('problems.toml', [
      'PROT = 8080',
      'PORT = [8080]',
      'KEYWARD_VERIFY_AUTH = "sometimes"',
      'KEYWARD_SECRET = "too-short-to-use"',
      'KEYWARD_METRICS_TOKEN = "metrics token with spaces"',
      'KEYWARD_WEBHOOK_ALLOW_PRIVATE = 1',
      'KEYWARD_REQUEST_TIMEOUT_MS = 12.5',
      'HOST = 1979-05-27T07:32:00Z',
      'REDIS_URL = "redis://:pw@cache:6379"',
      'REDIS_URL_FILE = "/run/secrets/redis"',
    ].join('\n'));
    const { config, problems } = checkConfig({ LOG_LEVEL: 'loud' }, { file: toml });
    expect(config).toBeUndefined();
    expect(problems.sort()).toEqual([
      `HOST must be an address or host name to listen on, got a date (in ${toml})`,
      `KEYWARD_METRICS_TOKEN must be 16 to 512 visible ASCII characters without spaces (e.g. the output of "openssl rand -hex 32") (in ${toml})`,
      `KEYWARD_REQUEST_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 3600000, got "12.5" (in ${toml})`,
      `KEYWARD_SECRET must be at least 32 characters (e.g. the output of "openssl rand -base64 48") (in ${toml})`,
      `KEYWARD_VERIFY_AUTH must be "none" or "required", got "sometimes" (in ${toml})`,
      `KEYWARD_WEBHOOK_ALLOW_PRIVATE must be "true" or "false", got "1" (in ${toml})`,
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      `PORT must be a whole number from 0 to 65535, got a list (in ${toml})`,
      `set REDIS_URL or REDIS_URL_FILE, not both (in ${toml})`,
      `unknown setting "PROT" (in ${toml})`,
    ]);
    for (const secret of ['too-short-to-use', 'metrics token', ':pw@']) expect(problems.join('\n')).not.toContain(secret);
    expect(() => loadConfig({}, { file: toml })).toThrow(ConfigError);
  });

  it('reads *_FILE in the file as a path, and says when it is not one', () => {
    const toml = file('secret-path.toml', ['KEYWARD_SECRET_FILE = 42', `KEYWARD_METRICS_TOKEN_FILE = "${join(dir, 'missing')}"`].join('\n'));
    expect(checkConfig({}, { file: toml }).problems).toEqual([
      `KEYWARD_SECRET_FILE names a file that cannot be read (ENOENT): 42 (in ${toml})`,
      `KEYWARD_METRICS_TOKEN_FILE names a file that cannot be read (ENOENT): ${join(dir, 'missing')} (in ${toml})`,
    ]);
  });
});
