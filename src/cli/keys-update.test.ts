import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../../test/support/api-client.ts';
import { runKeyward as run, withCliServer } from '../../test/support/cli.ts';
import { managementKey } from '../../test/support/people.ts';
import type { TestServer } from '../../test/support/test-server.ts';
import { EXIT } from './exit-codes.ts';

const DAY = 24 * 3600 * 1000;

describe('keyward keys update, the limit options and --expires-before: refusals on the command line', () => {
  // Refused before any request: no server listens at the default address in these runs.
  const env = { KEYWARD_TOKEN: 't' };

  it('refuses an update with nothing to change, naming the options', async () => {
    const result = await run(['keys', 'update', 'key_x'], { env });
    expect(result.code).toBe(EXIT.USAGE);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'keyward: nothing to change: give at least one of --name, --description, --group, --no-groups, --expires, --no-expiry, --ip, --no-ip-allowlist, --meta, --identity, --external-id, --ratelimit, --limit, --remaining, --refill, --no-identity, --no-ratelimit, --no-limits, --no-quota\n',
    );
    expect((await run(['keys', 'update', 'key_x', '--json'], { env })).stderr).toBe(`${JSON.stringify({ error: { code: 'USAGE', detail: result.stderr.slice('keyward: '.length, -1) } })}\n`);
  });

  it('refuses an option together with the one that clears it', async () => {
    for (const [args, message] of [
      [['--expires', '2030-01-01T00:00:00Z', '--no-expiry'], "option '--no-expiry' cannot be used with option '--expires <time>'"],
      [['--no-expiry', '--expires', '2030-01-01T00:00:00Z'], "option '--no-expiry' cannot be used with option '--expires <time>'"],
      [['--group', 'grp_x', '--no-groups'], "option '--no-groups' cannot be used with option '--group <id>'"],
      [['--ip', '10.0.0.1', '--no-ip-allowlist'], "option '--no-ip-allowlist' cannot be used with option '--ip <address>'"],
      [['--remaining', '5', '--no-quota'], "option '--no-quota' cannot be used with option '--remaining <n>'"],
      [['--refill', '5/daily', '--no-quota'], "option '--no-quota' cannot be used with option '--refill <amount>/<interval>'"],
    ] as const) {
      const result = await run(['keys', 'update', 'key_x', ...args], { env });
      expect(result.code, args.join(' ')).toBe(EXIT.USAGE);
      expect(result.stdout).toBe('');
      expect(result.stderr, args.join(' ')).toBe(`error: ${message}\n(add --help for usage)\n`);
    }
  });

  it('refuses a malformed rate limit, quota or refill, on update and on create', async () => {
    const bad: [string, string][] = [
      ...['100', '100/60', '0/60s', '100/0s', '-1/60s', 'x/60s', '1.5/60s', '100/1.5m', '100/60sec', '100/60 s', '/60s', '100/s'].map((value): [string, string] => ['--ratelimit', value]),
      ...['-1', '1.5', 'x', '', '1e3', '9007199254740993'].map((value): [string, string] => ['--remaining', value]),
      ...['100', '100/weekly', '0/daily', '-5/daily', 'x/monthly', '100/Daily'].map((value): [string, string] => ['--refill', value]),
      ['--meta', '[1]'],
      ['--meta', 'nope'],
    ];
    for (const [option, value] of bad) {
      for (const command of [['keys', 'update', 'key_x'], ['keys', 'create', '--project', 'prj_x']]) {
        if (option === '--meta' && command[1] === 'create') continue; // covered by program.test.ts
        const result = await run([...command, option, value], { env });
        const label = `${command.join(' ')} ${option} ${value}`;
        expect(result.code, label).toBe(EXIT.USAGE);
        expect(result.stdout, label).toBe('');
        expect(result.stderr, label).toMatch(new RegExp(`^error: option '${option} [^']+' argument '${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}' is invalid\\. must be `));
      }
    }
  });

  it('names the accepted forms in the messages and in --help', async () => {
    expect((await run(['keys', 'update', 'key_x', '--ratelimit', '100'], { env })).stderr).toMatch(/<limit>\/<window>.*ms, s, m, h or d.*100\/60s/);
    expect((await run(['keys', 'update', 'key_x', '--refill', '100'], { env })).stderr).toMatch(/<amount>\/daily or <amount>\/monthly/);
    const help = (await run(['keys', 'update', '--help'])).stdout;
    for (const option of ['--name <name>', '--description <text>', '--group <id>', '--expires <time>', '--no-expiry', '--ip <address>', '--no-ip-allowlist', '--meta <json>', '--ratelimit <limit>/<window>', '--no-ratelimit', '--remaining <n>', '--no-quota', '--refill <amount>/<interval>']) {
      expect(help).toContain(`  ${option} `);
    }
    const create = (await run(['keys', 'create', '--help'])).stdout;
    for (const option of ['--ratelimit <limit>/<window>', '--remaining <n>', '--refill <amount>/<interval>']) expect(create).toContain(`  ${option} `);
    expect(create).not.toContain('--no-quota');
    expect((await run(['keys', 'list', '--help'])).stdout).toContain('  --expires-before <time> ');
  });
});

describe('keyward keys update, the limit options and --expires-before against a running server', () => {
  let server: TestServer;
  let env: Record<string, string>;
  let admin: ApiClient;
  let projectId: string;
  const anonymous = () => apiClient(server.url);
  const verify = async (token: string) => (await anonymous().post('/v1/keys/verify', { key: token })).body;

  withCliServer((started) => ({ server, admin, env } = started));
  beforeAll(async () => {
    projectId = (await run(['projects', 'create', 'Updated', '--prefix', 'upd', '--json'], { env })).json().id;
  });

  async function newKey(args: string[] = []): Promise<{ key: any; token: string }> {
    const created = await run(['keys', 'create', '--project', projectId, ...args, '--json'], { env });
    expect(created.code, created.stderr).toBe(EXIT.OK);
    return created.json();
  }

  it('creates a key with a rate limit, a quota and a refill', async () => {
    const { key, token } = await newKey(['--ratelimit', '1000/1m', '--remaining', '2', '--refill', '500/monthly']);
    expect(key).toMatchObject({ ratelimit: { limit: 1000, windowMs: 60_000 }, remaining: 2, refill: { amount: 500, interval: 'monthly' } });
    expect((await admin.get(`/v1/keys/${key.id}`)).body).toMatchObject({ ratelimit: { limit: 1000, windowMs: 60_000 }, remaining: 2, refill: { amount: 500, interval: 'monthly' } });
    expect((await verify(token)).code).toBe('VALID');
    expect((await verify(token)).code).toBe('VALID');
    expect((await verify(token)).code).toBe('USAGE_EXCEEDED');

    for (const [value, windowMs] of [['5/1500ms', 1500], ['5/90s', 90_000], ['5/2h', 7_200_000], ['5/31d', 31 * DAY]] as const) {
      expect((await newKey(['--ratelimit', value])).key.ratelimit, value).toEqual({ limit: 5, windowMs });
    }
    expect((await newKey(['--remaining', '0'])).key.remaining).toBe(0);
    const human = await run(['keys', 'create', '--project', projectId, '--ratelimit', '100/60s', '--remaining', '7', '--refill', '7/daily'], { env });
    expect(human.stdout).toMatch(/\nRate limit:\s+100 per 60000 ms\nRemaining:\s+7\nRefill:\s+7 daily\n/);
  });

  it('changes every setting it is given, and only those', async () => {
    const groupId = (await run(['groups', 'create', 'upd-readers', '--permission', 'upd.read', '--json'], { env })).json().id;
    const otherGroupId = (await run(['groups', 'create', 'upd-writers', '--permission', 'upd.write', '--json'], { env })).json().id;
    const { key } = await newKey(['--name', 'before', '--description', 'old', '--group', groupId, '--meta', '{"plan":"free"}']);
    const expiresAt = new Date(server.now() + 30 * DAY).toISOString();

    const updated = await run([
      'keys', 'update', key.id, '--json',
      '--name', 'after', '--description', 'new', '--group', otherGroupId, '--group', groupId, '--expires', expiresAt,
      '--ip', '10.0.0.0/8', '--ip', '2001:db8::1', '--meta', '{"plan":"pro"}', '--ratelimit', '100/60s', '--remaining', '50', '--refill', '50/daily',
    ], { env });
    expect(updated.code, updated.stderr).toBe(EXIT.OK);
    const expected = {
      id: key.id,
      name: 'after',
      description: 'new',
      permissions: expect.arrayContaining(['upd.read', 'upd.write']),
      expiresAt,
      ipAllowlist: ['10.0.0.0/8', '2001:db8::1'],
      meta: { plan: 'pro' },
      ratelimit: { limit: 100, windowMs: 60_000 },
      remaining: 50,
      refill: { amount: 50, interval: 'daily' },
    };
    expect(updated.json()).toMatchObject(expected);
    const stored = (await admin.get(`/v1/keys/${key.id}`)).body;
    expect(stored).toMatchObject(expected);
    expect(stored.groups.map((group: { id: string }) => group.id).sort()).toEqual([groupId, otherGroupId].sort());

    // One option: the rest stays as it was.
    const renamed = await run(['keys', 'update', key.id, '--name', 'renamed', '--json'], { env });
    expect(renamed.json()).toEqual({ ...stored, name: 'renamed', updatedAt: expect.any(String) });
    // --group replaces the groups.
    const regrouped = (await run(['keys', 'update', key.id, '--group', otherGroupId, '--json'], { env })).json();
    expect(regrouped.groups.map((group: { id: string }) => group.id)).toEqual([otherGroupId]);
    expect(regrouped.permissions).toEqual(['upd.write']);

    // The clearing options.
    const cleared = await run(['keys', 'update', key.id, '--no-groups', '--no-expiry', '--no-ip-allowlist', '--no-ratelimit', '--no-quota', '--json'], { env });
    expect(cleared.code, cleared.stderr).toBe(EXIT.OK);
    expect(cleared.json()).toMatchObject({ name: 'renamed', groups: [], permissions: [], expiresAt: null, ipAllowlist: [], ratelimit: null, remaining: null, refill: null, meta: { plan: 'pro' } });
    expect((await admin.get(`/v1/keys/${key.id}`)).body).toMatchObject({ groups: [], permissions: [], expiresAt: null, ipAllowlist: [], ratelimit: null, remaining: null, refill: null });
  });

  it('prints the updated key as keys show does', async () => {
    const { key } = await newKey(['--name', 'shown']);
    const updated = await run(['keys', 'update', key.id, '--ratelimit', '3/1m', '--remaining', '9', '--refill', '9/monthly', '--ip', '192.0.2.0/24'], { env });
    expect(updated.code, updated.stderr).toBe(EXIT.OK);
    const shown = await run(['keys', 'show', key.id], { env });
    expect(updated.stdout).toBe(shown.stdout);
    expect(updated.stdout).toMatch(/^ID:\s+key_/);
    expect(updated.stdout).toMatch(/\nIP allowlist:\s+192\.0\.2\.0\/24\n/);
    expect(updated.stdout).toMatch(/\nRate limit:\s+3 per 60000 ms\nRemaining:\s+9\nRefill:\s+9 monthly\n/);
  });

  it('takes effect on the very next verification: a rate limit of 2/60s answers RATE_LIMITED on the third', async () => {
    const { key, token } = await newKey();
    for (let call = 0; call < 4; call += 1) expect((await verify(token)).code).toBe('VALID');
    expect((await run(['keys', 'update', key.id, '--ratelimit', '2/60s'], { env })).code).toBe(EXIT.OK);
    expect((await verify(token)).code).toBe('VALID');
    expect((await verify(token)).code).toBe('VALID');
    const third = await verify(token);
    expect(third).toMatchObject({ valid: false, code: 'RATE_LIMITED', ratelimit: { limit: 2, remaining: 0 } });

    expect((await run(['keys', 'update', key.id, '--no-ratelimit'], { env })).code).toBe(EXIT.OK);
    expect((await verify(token)).code).toBe('VALID');
    expect((await run(['keys', 'update', key.id, '--remaining', '1'], { env })).code).toBe(EXIT.OK);
    expect((await verify(token)).code).toBe('VALID');
    expect((await verify(token)).code).toBe('USAGE_EXCEEDED');
    expect((await run(['keys', 'update', key.id, '--no-quota'], { env })).code).toBe(EXIT.OK);
    expect((await verify(token)).code).toBe('VALID');

    expect((await run(['keys', 'update', key.id, '--ip', '192.0.2.1'], { env })).code).toBe(EXIT.OK);
    expect((await anonymous().post('/v1/keys/verify', { key: token, ip: '198.51.100.1' })).body.code).toBe('IP_NOT_ALLOWED');
    expect((await run(['keys', 'update', key.id, '--no-ip-allowlist'], { env })).code).toBe(EXIT.OK);
    expect((await anonymous().post('/v1/keys/verify', { key: token, ip: '198.51.100.1' })).body.code).toBe('VALID');

    expect((await run(['keys', 'update', key.id, '--expires', new Date(server.now() + 1000).toISOString()], { env })).code).toBe(EXIT.OK);
    server.advance(2000);
    expect((await verify(token)).code).toBe('EXPIRED');
    expect((await run(['keys', 'update', key.id, '--no-expiry'], { env })).code).toBe(EXIT.OK);
    expect((await verify(token)).code).toBe('VALID');
  });

  it('exits with the documented code when the server refuses the update', async () => {
    const { key } = await newKey();
    const refill = await run(['keys', 'update', key.id, '--refill', '10/daily'], { env });
    expect(refill.code).toBe(EXIT.INVALID);
    expect(refill.stderr).toMatch(/\(400 VALIDATION_FAILED\)\n {2}\/refill: requires remaining\n$/);
    const window = await run(['keys', 'update', key.id, '--ratelimit', '5/500ms'], { env });
    expect(window.code).toBe(EXIT.INVALID);
    expect(window.stderr).toMatch(/\/ratelimit\/windowMs/);
    expect((await run(['keys', 'update', key.id, '--expires', 'next-week'], { env })).code).toBe(EXIT.INVALID);
    expect((await run(['keys', 'update', key.id, '--ip', 'not-an-address'], { env })).code).toBe(EXIT.INVALID);
    const group = await run(['keys', 'update', key.id, '--group', 'grp_0000000000000000000000'], { env });
    expect(group.code).toBe(EXIT.INVALID);
    expect(group.stderr).toMatch(/\(422 GROUP_NOT_FOUND\)/);
    const missing = await run(['keys', 'update', 'key_0000000000000000000000', '--name', 'x', '--json'], { env });
    expect(missing.code).toBe(EXIT.NOT_FOUND);
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: { status: 404, code: 'NOT_FOUND' } });
    // The key is as it was.
    expect((await admin.get(`/v1/keys/${key.id}`)).body).toMatchObject({ ratelimit: null, remaining: null, refill: null, expiresAt: null, ipAllowlist: [] });

    const readOnly = (await managementKey(server, admin, ['keys.read'])).token;
    expect((await run(['keys', 'update', key.id, '--name', 'x'], { env: { ...env, KEYWARD_TOKEN: readOnly } })).code).toBe(EXIT.FORBIDDEN);
  });

  it('lists the keys that expire before a time with --expires-before', async () => {
    const listed = (await run(['projects', 'create', 'Expiring', '--json'], { env })).json().id;
    const at = (days: number) => new Date(server.now() + days * DAY).toISOString();
    for (const [name, days] of [['in-2-days', 2], ['in-5-days', 5], ['in-30-days', 30]] as const) {
      await run(['keys', 'create', '--project', listed, '--name', name, '--expires', at(days)], { env });
    }
    await run(['keys', 'create', '--project', listed, '--name', 'never'], { env });
    const soon = await run(['keys', 'list', '--project', listed, '--expires-before', at(7), '--json'], { env });
    expect(soon.code, soon.stderr).toBe(EXIT.OK);
    expect(soon.json()).toMatchObject({ total: 2, nextCursor: null });
    expect(soon.json().items.map((key: { name: string }) => key.name)).toEqual(['in-5-days', 'in-2-days']);
    const table = await run(['keys', 'list', '--project', listed, '--expires-before', at(3)], { env });
    expect(table.stdout).toMatch(/\nkey_\S+\s+in-2-days\s/);
    expect(table.stdout).toMatch(/\n\n1 of 1 keys\.\n$/);
    expect((await run(['keys', 'list', '--project', listed, '--expires-before', at(1)], { env })).stdout).toBe('No keys.\n');

    const bad = await run(['keys', 'list', '--expires-before', 'next-week'], { env });
    expect(bad.code).toBe(EXIT.INVALID);
    expect(bad.stderr).toMatch(/expiresBefore/);
  });
});
