import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { healthOf, runKeyward, spawnKeywardServe } from '../../test/support/cli.ts';
import { freePort, startKeywardProcess } from '../../test/support/keyward-process.ts';
import { TEST_SECRET } from '../../test/support/test-server.ts';
import { EXIT } from './exit-codes.ts';
import { withScratchDir } from '../../test/support/scratch-dir.ts';

// The child-process steps start a Node process each, a second or more on a busy machine.
const SLOW = { timeout: 120_000 };

describe('keyward config check and --config', () => {
  const { dir, file } = withScratchDir('keyward-config-cli-');
  const secretFile = file('secret', 'a-secret-from-a-file-that-is-long-enough\n');

  it('says ok, with where each setting came from and no value', async () => {
    const toml = file('ok.toml', [`DATABASE_URL = "file:${join(dir, 'data', 'keyward.db')}"`, `KEYWARD_SECRET_FILE = "${secretFile}"`, 'PORT = 9000'].join('\n'));
    const checked = await runKeyward(['config', 'check', '--config', toml], { env: { PORT: '9100', KEYWARD_METRICS_TOKEN: 'metrics-token-0123456789' } });
    expect(checked.code, checked.stderr).toBe(EXIT.OK);
    expect(checked.stderr).toBe('');
    const [summary, heading, ...rows] = checked.stdout.trimEnd().split('\n');
    expect(summary).toBe(`ok: 4 settings (2 from ${toml}, 2 from the environment); the others have their defaults`);
    expect(heading).toMatch(/^SETTING\s+FROM$/);
    expect(rows.map((row) => row.split(/\s+/))).toEqual([
      ['PORT', 'environment'],
      ['DATABASE_URL', toml],
      ['KEYWARD_SECRET_FILE', toml],
      ['KEYWARD_METRICS_TOKEN', 'environment'],
    ]);
    for (const value of ['a-secret-from-a-file', 'metrics-token-0123456789', 'keyward.db', '9100', '9000']) expect(checked.stdout).not.toContain(value);

    const json = await runKeyward(['config', 'check', '--json'], { env: { KEYWARD_CONFIG: toml } });
    expect(json.code).toBe(EXIT.OK);
    expect(json.json()).toEqual({ ok: true, file: toml, problems: [], settings: expect.arrayContaining([{ name: 'PORT', from: toml }]) });
  });

  it('says where the secret will come from when none is set', async () => {
    const checked = await runKeyward(['config', 'check'], { env: { DATABASE_URL: `file:${join(dir, 'elsewhere', 'k.db')}` } });
    expect(checked.code).toBe(EXIT.OK);
    expect(checked.stdout).toContain(`KEYWARD_SECRET is not set: Keyward uses ${join(dir, 'elsewhere')}/secret (made on first start).`);
  });

  it('lists every problem of the environment and the file at once, one line each, and exits 78', async () => {
    const toml = file('bad.toml', ['PROT = 8080', 'KEYWARD_SECRET = "short-file-secret"', 'LOG_LEVEL = "chatty"', 'DATABASE_URL = "mysql://root:hunter2@db/keyward"'].join('\n'));
    const checked = await runKeyward(['config', 'check', '--config', toml], { env: { PORT: 'eighty', KEYWARD_ADMIN_USERNAME: 'root' } });
    expect(checked.code).toBe(EXIT.CONFIG);
    expect(checked.stdout).toBe('');
    const lines = checked.stderr.trimEnd().split('\n');
    expect(lines.slice(0, -1).sort()).toEqual([
      `keyward: DATABASE_URL must be file:<path> (embedded SQLite) or postgres://user@host/db (in ${toml})`,
      'keyward: KEYWARD_ADMIN_USERNAME and KEYWARD_ADMIN_PASSWORD must be set together',
      `keyward: KEYWARD_SECRET must be at least 32 characters (e.g. the output of "openssl rand -base64 48") (in ${toml})`,
      `keyward: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "chatty" (in ${toml})`,
      'keyward: PORT must be a whole number from 0 to 65535, got "eighty"',
      `keyward: unknown setting "PROT" (in ${toml})`,
    ]);
    expect(lines.at(-1)).toBe(`6 problems (config file ${toml})`);
    for (const secret of ['short-file-secret', 'hunter2']) expect(checked.stderr).not.toContain(secret);

    const json = await runKeyward(['config', 'check', '--config', toml, '--json'], { env: { PORT: 'eighty' } });
    expect(json.code).toBe(EXIT.CONFIG);
    expect(json.json()).toMatchObject({ ok: false, file: toml, problems: expect.arrayContaining(['PORT must be a whole number from 0 to 65535, got "eighty"']) });
  });

  it('refuses to start or migrate with a bad config file, naming the problem', async () => {
    const missing = join(dir, 'missing.toml');
    const migrate = await runKeyward(['migrate', '--config', missing]);
    expect(migrate.code).toBe(EXIT.CONFIG);
    expect(migrate.stderr).toBe(`keyward: the config file cannot be read (ENOENT): ${missing}\n`);
    const serve = await runKeyward(['serve'], { env: { KEYWARD_CONFIG: file('typo.json', '{"PROT": 8080}') } });
    expect(serve.code).toBe(EXIT.CONFIG);
    expect(serve.stderr).toMatch(/^keyward: unknown setting "PROT"/);
  });

  it('serves with the settings of --config', SLOW, async () => {
    const port = await freePort();
    const db = join(dir, 'served', 'keyward.db');
    const toml = file('serve.toml', [`DATABASE_URL = "file:${db}"`, `KEYWARD_SECRET = "${TEST_SECRET}"`, `PORT = ${port}`, 'LOG_LEVEL = "warn"'].join('\n'));
    const child = spawnKeywardServe(['--config', toml], {});
    try {
      const health = await healthOf(`http://127.0.0.1:${port}`, 150);
      expect(health?.status).toBe(200);
      expect(existsSync(db)).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('lets npm start read KEYWARD_CONFIG, the environment winning over the file', SLOW, async () => {
    const db = join(dir, 'started', 'keyward.db');
    // The file's port is taken by nothing; the environment's (chosen by the helper) must win.
    const toml = file('start.toml', [`DATABASE_URL = "file:${db}"`, `KEYWARD_SECRET = "${TEST_SECRET}"`, `PORT = ${await freePort()}`].join('\n'));
    const keyward = await startKeywardProcess({ KEYWARD_CONFIG: toml });
    try {
      expect((await fetch(`${keyward.url}/readyz`)).status).toBe(200);
      expect(existsSync(db)).toBe(true);
    } finally {
      await keyward.stop();
    }
  });
});
