import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/support/api-client.ts';
import { runKeyward as run, withCliServer } from '../../test/support/cli.ts';
import { managementKey } from '../../test/support/people.ts';
import type { TestServer } from '../../test/support/test-server.ts';
import { EXIT } from './exit-codes.ts';

describe('keyward identities, named limits and portal links: refusals on the command line', () => {
  // Refused before any request: no server listens at the default address in these runs.
  const env = { KEYWARD_TOKEN: 't' };
  const refused = async (args: string[], message: RegExp | string) => {
    const result = await run(args, { env });
    expect(result.code, args.join(' ')).toBe(EXIT.USAGE);
    expect(result.stdout, args.join(' ')).toBe('');
    if (typeof message === 'string') expect(result.stderr, args.join(' ')).toBe(message);
    else expect(result.stderr, args.join(' ')).toMatch(message);
  };

  it('refuses a malformed named limit wherever --limit defines one, naming the form', async () => {
    const bad = ['tokens', 'tokens=', '=1/1s', 'Tokens=1/1s', 'to ken=1/1s', `${'a'.repeat(33)}=1/1s`, 'tokens=0/1s', 'tokens=1/1', 'tokens=1/1s:auto', 'tokens=1/1s:manual:manual', 'tokens=1/1s:MANUAL'];
    for (const value of bad) {
      for (const command of [['identities', 'create', '--external-id', 'x'], ['identities', 'update', 'idt_x'], ['keys', 'create', '--project', 'prj_x'], ['keys', 'update', 'key_x']]) {
        await refused([...command, '--limit', value], new RegExp(`^error: option '--limit <name>=<limit>/<window>\\[:manual\\]' argument '${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}' is invalid\\. must be <name>=<limit>/<window>\\[:manual\\]: `));
      }
    }
  });

  it('refuses a malformed --limit on verify, naming the form', async () => {
    for (const value of ['Tokens', 'tokens=', '=5', 'tokens=-1', 'tokens=1.5', 'tokens=x', 'tokens=5=6']) {
      await refused(['verify', 'tk_x', '--limit', value], new RegExp(`argument '${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}' is invalid\\. must be <name> or <name>=<cost>: `));
    }
  });

  it('refuses options together with the ones they contradict', async () => {
    for (const [args, message] of [
      [['keys', 'update', 'key_x', '--limit', 'a=1/1s', '--ratelimit', '5/1s'], "option '--limit <name>=<limit>/<window>[:manual]' cannot be used with option '--ratelimit <limit>/<window>'"],
      [['keys', 'update', 'key_x', '--limit', 'a=1/1s', '--no-ratelimit'], "option '--limit <name>=<limit>/<window>[:manual]' cannot be used with option '--no-ratelimit'"],
      [['keys', 'update', 'key_x', '--limit', 'a=1/1s', '--no-limits'], "option '--no-limits' cannot be used with option '--limit <name>=<limit>/<window>[:manual]'"],
      [['keys', 'update', 'key_x', '--ratelimit', '5/1s', '--no-limits'], "option '--no-limits' cannot be used with option '--ratelimit <limit>/<window>'"],
      [['keys', 'create', '--project', 'prj_x', '--limit', 'a=1/1s', '--ratelimit', '5/1s'], "option '--limit <name>=<limit>/<window>[:manual]' cannot be used with option '--ratelimit <limit>/<window>'"],
      [['keys', 'create', '--project', 'prj_x', '--identity', 'idt_x', '--external-id', 'acme'], "option '--external-id <id>' cannot be used with option '--identity <id>'"],
      [['keys', 'update', 'key_x', '--external-id', 'acme', '--no-identity'], "option '--external-id <id>' cannot be used with option '--no-identity'"],
      [['identities', 'update', 'idt_x', '--limit', 'a=1/1s', '--no-limits'], "option '--no-limits' cannot be used with option '--limit <name>=<limit>/<window>[:manual]'"],
      [['identities', 'update', 'idt_x', '--remaining', '5', '--no-quota'], "option '--no-quota' cannot be used with option '--remaining <n>'"],
    ] as const) {
      await refused([...args], `error: ${message}\n(add --help for usage)\n`);
    }
  });

  it('needs the required options, and something to change', async () => {
    await refused(['identities', 'create'], "error: required option '--external-id <id>' not specified\n(add --help for usage)\n");
    await refused(['portal', 'link', '--external-id', 'acme'], "error: required option '--project <id>' not specified\n(add --help for usage)\n");
    await refused(['portal', 'link', '--project', 'prj_x'], "error: required option '--external-id <id>' not specified\n(add --help for usage)\n");
    await refused(['portal', 'link', '--project', 'prj_x', '--external-id', 'acme', '--ttl', '1.5'], /argument '1\.5' is invalid\. must be a whole number of seconds/);
    await refused(['identities', 'update', 'idt_x'], 'keyward: nothing to change: give at least one of --external-id, --meta, --limit, --remaining, --refill, --no-limits, --no-quota\n');
  });

  it('documents every option in --help', async () => {
    const help = async (...path: string[]) => (await run([...path, '--help'])).stdout;
    for (const option of ['--external-id <id>', '--meta <json>', '--limit <name>=<limit>/<window>[:manual]', '--remaining <n>', '--refill <amount>/<interval>']) {
      expect(await help('identities', 'create')).toContain(`  ${option} `);
      expect(await help('identities', 'update')).toContain(`  ${option} `);
    }
    expect(await help('identities', 'update')).toMatch(/ {2}--no-limits .*\n {2}--no-quota /);
    expect(await help('identities', 'list')).toContain('  --search <text> ');
    expect(await help('identities', 'delete')).toContain('  --force ');
    for (const option of ['--identity <id>', '--external-id <id>', '--limit <name>=<limit>/<window>[:manual]']) {
      expect(await help('keys', 'create')).toContain(`  ${option} `);
      expect(await help('keys', 'update')).toContain(`  ${option} `);
      if (option !== '--limit <name>=<limit>/<window>[:manual]') expect(await help('keys', 'list')).toContain(`  ${option} `);
    }
    for (const option of ['--no-identity', '--no-limits']) expect(await help('keys', 'update')).toContain(`  ${option} `);
    expect(await help('verify')).toContain('  --limit <name>[=cost] ');
    for (const option of ['--project <id>', '--external-id <id>', '--group <id>', '--return-url <url>', '--ttl <seconds>']) expect(await help('portal', 'link')).toContain(`  ${option} `);
  });
});

describe('keyward identities, named limits and portal links against a running server', () => {
  let server: TestServer;
  let admin: ApiClient;
  let env: Record<string, string>;
  let projectId: string;

  withCliServer((started) => ({ server, admin, env } = started));
  beforeAll(async () => {
    projectId = (await run(['projects', 'create', 'Customers', '--prefix', 'cus', '--json'], { env })).json().id;
  });

  const ok = async (args: string[]) => {
    const result = await run(args, { env });
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(EXIT.OK);
    return result;
  };

  it('creates, lists, shows, updates and deletes identities, with tables for people and --json', async () => {
    const created = (await ok([
      'identities', 'create', '--external-id', 'acme-corp', '--meta', '{"plan":"pro"}',
      '--limit', 'requests=100/1m', '--limit', 'tokens=5000/1h:manual', '--remaining', '1000', '--refill', '1000/monthly', '--json',
    ])).json();
    expect(created).toMatchObject({
      externalId: 'acme-corp',
      meta: { plan: 'pro' },
      ratelimits: [{ name: 'requests', limit: 100, durationMs: 60_000, autoApply: true }, { name: 'tokens', limit: 5000, durationMs: 3_600_000, autoApply: false }],
      remaining: 1000,
      refill: { amount: 1000, interval: 'monthly' },
      keyCount: 0,
    });
    expect((await admin.get(`/v1/identities/${created.id}`)).body).toMatchObject({ externalId: 'acme-corp', remaining: 1000 });

    const shown = (await ok(['identities', 'show', created.id])).stdout;
    expect(shown).toMatch(new RegExp(`^ID:\\s+${created.id}\\nExternal ID:\\s+acme-corp\\nKeys:\\s+0\\n`));
    expect(shown).toMatch(/\nLimits:\s+requests 100 per 1m, tokens 5000 per 1h \(only when named\)\nRemaining:\s+1000 \(shared by its keys\)\nRefill:\s+1000 monthly\nMeta:\s+\{"plan":"pro"\}\n/);

    await ok(['identities', 'create', '--external-id', 'globex']);
    const table = (await ok(['identities', 'list', '--search', 'acme'])).stdout;
    expect(table).toMatch(new RegExp(`^ID\\s+EXTERNAL ID\\s+KEYS\\s+LIMITS\\s+REMAINING\\s+CREATED\\n${created.id}\\s+acme-corp\\s+0\\s+requests 100 per 1m, tokens 5000 per 1h`));
    expect(table).toMatch(/\n\n1 of 1 identities\.\n$/);
    expect((await ok(['identities', 'list', '--all', '--limit', '1', '--json'])).json()).toMatchObject({ total: 2, nextCursor: null, items: [{ externalId: 'globex' }, { externalId: 'acme-corp' }] });
    expect((await ok(['identities', 'list', '--search', 'nobody'])).stdout).toBe('No identities.\n');

    const renamed = (await ok(['identities', 'update', created.id, '--external-id', 'acme-inc', '--limit', 'requests=50/1s', '--json'])).json();
    expect(renamed).toMatchObject({ externalId: 'acme-inc', ratelimits: [{ name: 'requests', limit: 50, durationMs: 1000, autoApply: true }], remaining: 1000, meta: { plan: 'pro' } });
    const cleared = (await ok(['identities', 'update', created.id, '--no-limits', '--no-quota', '--json'])).json();
    expect(cleared).toMatchObject({ ratelimits: [], remaining: null, refill: null });

    const taken = await run(['identities', 'create', '--external-id', 'globex'], { env });
    expect(taken.code).toBe(EXIT.CONFLICT);
    expect(taken.stderr).toMatch(/\(409 CONFLICT\)\n$/);
    expect((await run(['identities', 'update', created.id, '--refill', '5/daily'], { env })).code).toBe(EXIT.INVALID);

    expect((await ok(['identities', 'delete', created.id])).stdout).toBe(`Deleted identity ${created.id}.\n`);
    const gone = await run(['identities', 'show', created.id, '--json'], { env });
    expect(gone.code).toBe(EXIT.NOT_FOUND);
    expect(JSON.parse(gone.stderr)).toMatchObject({ error: { status: 404, code: 'NOT_FOUND' } });

    const readOnly = (await managementKey(server, admin, ['keys.read'])).token;
    expect((await run(['identities', 'list'], { env: { ...env, KEYWARD_TOKEN: readOnly } })).code).toBe(EXIT.FORBIDDEN);
  });

  it('points keys at an identity, gives them named limits, filters by identity, and refuses deleting it while they do', async () => {
    const identity = (await ok(['identities', 'create', '--external-id', 'initech', '--limit', 'tokens=10/1m:manual', '--json'])).json();
    const byExternalId = (await ok(['keys', 'create', '--project', projectId, '--name', 'first', '--external-id', 'initech', '--limit', 'burst=5/1s', '--limit', 'reports=3/1d:manual', '--json'])).json();
    expect(byExternalId.key).toMatchObject({
      identity: { id: identity.id, externalId: 'initech' },
      ratelimits: [{ name: 'burst', limit: 5, durationMs: 1000, autoApply: true }, { name: 'reports', limit: 3, durationMs: 86_400_000, autoApply: false }],
      ratelimit: null,
    });
    const byId = (await ok(['keys', 'create', '--project', projectId, '--name', 'second', '--identity', identity.id, '--json'])).json();
    await ok(['keys', 'create', '--project', projectId, '--name', 'loose']);
    const missing = await run(['keys', 'create', '--project', projectId, '--external-id', 'nobody'], { env });
    expect(missing.code).toBe(EXIT.INVALID);
    expect(missing.stderr).toMatch(/\(422 IDENTITY_NOT_FOUND\)\n {2}\/externalId: /);

    const human = (await ok(['keys', 'show', byExternalId.key.id])).stdout;
    expect(human).toMatch(new RegExp(`\\nIdentity:\\s+initech \\(${identity.id}\\)\\n`));
    expect(human).toMatch(/\nNamed limits:\s+burst 5 per 1s, reports 3 per 1d \(only when named\)\nRate limit:\s+none\n/);

    const names = async (...filter: string[]) => (await ok(['keys', 'list', '--project', projectId, ...filter, '--json'])).json().items.map((key: { name: string }) => key.name);
    expect(await names('--external-id', 'initech')).toEqual(['second', 'first']);
    expect(await names('--identity', identity.id)).toEqual(['second', 'first']);
    expect((await ok(['identities', 'show', identity.id, '--json'])).json().keyCount).toBe(2);

    const refused = await run(['identities', 'delete', identity.id], { env });
    expect(refused.code).toBe(EXIT.CONFLICT);

    // --ratelimit is the limit named default, beside the others; --no-limits clears them all.
    const withDefault = (await ok(['keys', 'update', byExternalId.key.id, '--ratelimit', '7/1m', '--json'])).json();
    expect(withDefault.ratelimits.map((limit: { name: string }) => limit.name).sort()).toEqual(['burst', 'default', 'reports']);
    expect((await ok(['keys', 'update', byExternalId.key.id, '--no-limits', '--json'])).json()).toMatchObject({ ratelimits: [], ratelimit: null });
    expect((await ok(['keys', 'update', byExternalId.key.id, '--limit', 'burst=9/1s', '--json'])).json().ratelimits).toEqual([{ name: 'burst', limit: 9, durationMs: 1000, autoApply: true }]);
    expect((await ok(['keys', 'update', byId.key.id, '--no-identity', '--json'])).json().identity).toBeNull();
    expect((await ok(['keys', 'update', byId.key.id, '--external-id', 'initech', '--json'])).json().identity).toEqual({ id: identity.id, externalId: 'initech' });

    await ok(['identities', 'delete', identity.id, '--force']);
    expect((await run(['keys', 'show', byId.key.id], { env })).code).toBe(EXIT.NOT_FOUND);
    expect(await names()).toEqual(['loose']);
  });

  it("verifies with named limits at a cost, shows the identity and the limits, and exits 10 when one is exceeded", async () => {
    const identity = (await ok(['identities', 'create', '--external-id', 'umbrella', '--meta', '{"tier":"gold"}', '--limit', 'tokens=10/1m:manual', '--json'])).json();
    const { token } = (await ok(['keys', 'create', '--project', projectId, '--external-id', 'umbrella', '--json'])).json();

    const spent = (await ok(['verify', token, '--limit', 'tokens=6', '--json'])).json();
    expect(spent).toMatchObject({ valid: true, code: 'VALID', identity: { id: identity.id, externalId: 'umbrella', meta: { tier: 'gold' } } });
    expect(spent.ratelimits).toEqual([expect.objectContaining({ name: 'tokens', limit: 10, remaining: 4, exceeded: false })]);

    const human = (await ok(['verify', token, '--limit', 'tokens'])).stdout;
    expect(human).toMatch(new RegExp(`^Result:\\s+VALID \\(valid\\)\\n(.*\\n)*Identity:\\s+umbrella \\(${identity.id}\\)\\n`));
    expect(human).toMatch(/\nLimits:\s+tokens: 3 of 10 left, room again \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?Z\n$/);

    const over = await run(['verify', token, '--limit', 'tokens=4'], { env: { KEYWARD_URL: server.url } });
    expect(over.code).toBe(EXIT.KEY_INVALID);
    expect(over.stdout).toMatch(/^Result: RATE_LIMITED \(not valid\)\nLimits: tokens: 3 of 10 left, room again \S+ \S+ \(exceeded\)\n$/);
    // Without the name, the limit (not automatic) does not apply.
    expect((await run(['verify', token, '--json'], { env })).json()).toMatchObject({ code: 'VALID' });
  });

  it('prints a single-use portal link (pending until POST /v1/portal/sessions is served)', async (context) => {
    const served = ((await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, unknown> }).paths;
    // Written against the contract ahead of the route: it runs once the server serves it.
    if (!('/v1/portal/sessions' in served)) return context.skip('POST /v1/portal/sessions is not served yet');
    await ok(['identities', 'create', '--external-id', 'portal-customer']);
    const groupId = (await ok(['groups', 'create', 'portal-cli-readers', '--permission', 'cus.read', '--json'])).json().id;
    const link = (await ok(['portal', 'link', '--project', projectId, '--external-id', 'portal-customer', '--group', groupId, '--return-url', 'https://app.example.com/keys', '--ttl', '120', '--json'])).json();
    expect(link).toEqual({ url: expect.stringMatching(/^https?:\/\//), expiresAt: expect.any(String) });
    expect(Date.parse(link.expiresAt)).toBeLessThanOrEqual(server.now() + 120_000);
    const human = (await ok(['portal', 'link', '--project', projectId, '--external-id', 'portal-customer'])).stdout;
    expect(human).toMatch(/^Portal link \(works once, until \S+ \S+\):\nhttps?:\/\/\S+\n$/);
    expect((await run(['portal', 'link', '--project', projectId, '--external-id', 'portal-customer', '--ttl', '3601'], { env })).code).toBe(EXIT.INVALID);
    const readOnly = (await managementKey(server, admin, ['keys.read'])).token;
    expect((await run(['portal', 'link', '--project', projectId, '--external-id', 'portal-customer'], { env: { ...env, KEYWARD_TOKEN: readOnly } })).code).toBe(EXIT.FORBIDDEN);
  });
});
