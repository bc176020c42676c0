import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/support/api-client.ts';
import { runKeyward as run, withCliServer } from '../../test/support/cli.ts';
import { managementKey } from '../../test/support/people.ts';
import type { TestServer } from '../../test/support/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/support/webhook-receiver.ts';
import { EXIT } from './exit-codes.ts';
import { freePort } from '../../test/support/keyward-process.ts';

const ALL_EVENTS = ['key.created', 'key.updated', 'key.expiring', 'key.expired', 'key.disabled', 'key.deleted', 'key.leaked', 'identity.created', 'identity.updated', 'identity.deleted'];


describe('keyward webhooks: refusals on the command line', () => {
  const env = { KEYWARD_TOKEN: 't' };

  it('has every subcommand, each with --help', async () => {
    const help = await run(['webhooks', '--help']);
    for (const command of ['list', 'show', 'create', 'update', 'delete', 'rotate-secret', 'deliveries', 'test']) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect((await run(['--help'])).stdout).toMatch(/^ {2}webhooks /m);
    const update = (await run(['webhooks', 'update', '--help'])).stdout;
    expect(update).toContain('  --webhook-url <url> ');
    expect(update).toContain('"key.leaked"');
  });

  it('exits 2 with a message for a malformed command line, before any request', async () => {
    const mistakes: [string[], RegExp][] = [
      [['webhooks'], /Usage: keyward webhooks/],
      [['webhooks', 'create'], /missing required argument 'url'/],
      [['webhooks', 'create', 'https://example.com/in', '--event', 'key.made'], /argument 'key\.made' is invalid\. Allowed choices are key\.created, /],
      [['webhooks', 'update', 'whk_x', '--event', 'webhook.test'], /argument 'webhook\.test' is invalid/],
      [['webhooks', 'update', 'whk_x'], /^keyward: nothing to change: give at least one of --webhook-url, --event, --project, --all-projects, --description, --enable, --disable\n$/],
      [['webhooks', 'update', 'whk_x', '--project', 'prj_x', '--all-projects'], /option '--all-projects' cannot be used with option '--project <id>'/],
      [['webhooks', 'update', 'whk_x', '--enable', '--disable'], /option '--disable' cannot be used with option '--enable'/],
      [['webhooks', 'deliveries', 'whk_x', '--status', 'lost'], /argument 'lost' is invalid\. Allowed choices are pending, delivered, failed\./],
      [['webhooks', 'list', '--limit', '101'], /--limit/],
      [['webhooks', 'show'], /missing required argument 'id'/],
    ];
    for (const [args, message] of mistakes) {
      const result = await run(args, { env });
      expect(result.code, args.join(' ')).toBe(EXIT.USAGE);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
  });
});

describe('keyward webhooks against a running server', () => {
  let server: TestServer;
  let env: Record<string, string>;
  let admin: ApiClient;
  let receiver: WebhookReceiver;
  let projectId: string;

  withCliServer((started) => ({ server, admin, env } = started));
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    projectId = (await run(['projects', 'create', 'Hooked', '--json'], { env })).json().id;
  });
  afterAll(async () => receiver?.close());

  it('creates a webhook and prints its signing secret once, last', async () => {
    const created = await run(['webhooks', 'create', receiver.url, '--project', projectId, '--event', 'key.created', '--event', 'key.deleted', '--description', 'pager'], { env });
    expect(created.code, created.stderr).toBe(EXIT.OK);
    expect(created.stdout).toMatch(/^ID:\s+whk_[0-9a-z]{22}\n/);
    expect(created.stdout).toContain(`\nURL:         ${receiver.url}\n`);
    expect(created.stdout).toMatch(new RegExp(`\\nProject:\\s+${projectId}\\nEvents:\\s+key\\.created, key\\.deleted\\nEnabled:\\s+yes\\nDescription:\\s+pager\\nCreated:\\s+\\S+ \\S+ by admin\\n`));
    expect(created.stdout).toMatch(/\n\nSigning secret \(shown this once; store it now\):\nwhsec_[A-Za-z0-9_-]{43}\n$/);
    const id = /^ID:\s+(\S+)/.exec(created.stdout)![1]!;
    expect((await admin.get(`/v1/webhooks/${id}`)).body).toMatchObject({ url: receiver.url, projectId, events: ['key.created', 'key.deleted'], description: 'pager', enabled: true });

    const json = await run(['webhooks', 'create', receiver.url, '--disabled', '--json'], { env });
    expect(json.code, json.stderr).toBe(EXIT.OK);
    expect(json.json()).toMatchObject({ webhook: { url: receiver.url, projectId: null, events: ALL_EVENTS, enabled: false, description: '' }, secret: expect.stringMatching(/^whsec_/) });
    expect((await run(['webhooks', 'show', json.json().webhook.id], { env })).stdout).toMatch(/\nProject:\s+every project\n[^]*\nEnabled:\s+no\n/);
  });

  it('lists, filters by project and shows webhooks, never with a secret', async () => {
    const project = (await run(['webhooks', 'create', receiver.url, '--project', projectId, '--json'], { env })).json();
    const other = (await run(['projects', 'create', 'Elsewhere', '--json'], { env })).json().id;
    const elsewhere = (await run(['webhooks', 'create', receiver.url, '--project', other, '--json'], { env })).json();
    const everywhere = (await run(['webhooks', 'create', receiver.url, '--json'], { env })).json();

    const table = await run(['webhooks', 'list'], { env });
    expect(table.code, table.stderr).toBe(EXIT.OK);
    const [heading, first] = table.stdout.split('\n');
    expect(heading).toMatch(/^ID\s+URL\s+PROJECT\s+ENABLED\s+EVENTS$/);
    expect(first).toMatch(new RegExp(`^${everywhere.webhook.id}\\s+${receiver.url}\\s+every project\\s+yes\\s+key\\.created, `));
    for (const { secret } of [project, elsewhere, everywhere]) expect(table.stdout).not.toContain(secret);

    const filtered = (await run(['webhooks', 'list', '--project', projectId, '--all', '--json'], { env })).json();
    const ids = filtered.items.map((item: { id: string }) => item.id);
    expect(ids).toEqual(expect.arrayContaining([project.webhook.id, everywhere.webhook.id]));
    expect(ids).not.toContain(elsewhere.webhook.id);
    expect(filtered.nextCursor).toBeNull();

    const paged = await run(['webhooks', 'list', '--limit', '1'], { env });
    expect(paged.stdout).toMatch(/\n\n1 of \d+ webhooks\. Next page: keyward webhooks list --cursor \S+ \(or --all for every page\)\n$/);

    const shown = await run(['webhooks', 'show', project.webhook.id, '--json'], { env });
    expect(shown.json()).toEqual(project.webhook);
    expect(shown.stdout).not.toContain(project.secret);
  });

  it('updates only the settings it is given', async () => {
    const { webhook } = (await run(['webhooks', 'create', receiver.url, '--project', projectId, '--description', 'before', '--json'], { env })).json();
    const updated = await run(['webhooks', 'update', webhook.id, '--webhook-url', 'https://hooks.example.com/in', '--event', 'key.leaked', '--all-projects', '--description', 'after', '--disable', '--json'], { env });
    expect(updated.code, updated.stderr).toBe(EXIT.OK);
    const expected = { id: webhook.id, url: 'https://hooks.example.com/in', events: ['key.leaked'], projectId: null, description: 'after', enabled: false, createdAt: webhook.createdAt };
    expect(updated.json()).toMatchObject(expected);
    expect((await admin.get(`/v1/webhooks/${webhook.id}`)).body).toMatchObject(expected);

    const enabled = await run(['webhooks', 'update', webhook.id, '--enable', '--project', projectId], { env });
    expect(enabled.code, enabled.stderr).toBe(EXIT.OK);
    expect(enabled.stdout).toMatch(new RegExp(`^ID:\\s+${webhook.id}\\nURL:\\s+https://hooks\\.example\\.com/in\\nProject:\\s+${projectId}\\nEvents:\\s+key\\.leaked\\nEnabled:\\s+yes\\nDescription:\\s+after\\n`));
    expect(enabled.stdout).not.toContain('Signing secret');
  });

  it('rotates the secret, printing the new one once', async () => {
    const created = (await run(['webhooks', 'create', receiver.url, '--json'], { env })).json();
    const rotated = await run(['webhooks', 'rotate-secret', created.webhook.id], { env });
    expect(rotated.code, rotated.stderr).toBe(EXIT.OK);
    const secret = /\n\nSigning secret \(shown this once; store it now\):\n(whsec_\S+)\n$/.exec(rotated.stdout)?.[1];
    expect(secret).toBeDefined();
    expect(secret).not.toBe(created.secret);
    const again = (await run(['webhooks', 'rotate-secret', created.webhook.id, '--json'], { env })).json();
    expect(again).toMatchObject({ webhook: { id: created.webhook.id }, secret: expect.stringMatching(/^whsec_/) });
    expect(again.secret).not.toBe(secret);
  });

  it('sends a test event and shows it in the delivery log', async () => {
    const { webhook } = (await run(['webhooks', 'create', receiver.url, '--json'], { env })).json();
    const queued = await run(['webhooks', 'test', webhook.id], { env });
    expect(queued.code, queued.stderr).toBe(EXIT.OK);
    expect(queued.stdout).toMatch(new RegExp(`^Queued webhook\\.test as delivery dlv_\\S+ \\(pending\\)\\. Follow it: keyward webhooks deliveries ${webhook.id}\\n$`));
    const pending = (await run(['webhooks', 'deliveries', webhook.id, '--status', 'pending', '--json'], { env })).json();
    expect(pending).toMatchObject({ total: 1, items: [{ webhookId: webhook.id, eventType: 'webhook.test', status: 'pending', attempts: [] }] });

    await server.app.webhooks.runOnce();
    const received = receiver.received.filter((request) => request.json?.type === 'webhook.test' && request.json?.data?.webhook?.id === webhook.id);
    expect(received).toHaveLength(1);

    const table = await run(['webhooks', 'deliveries', webhook.id], { env });
    expect(table.code, table.stderr).toBe(EXIT.OK);
    const [heading, row] = table.stdout.split('\n');
    expect(heading).toMatch(/^ID\s+EVENT\s+STATUS\s+CREATED\s+ATTEMPTS\s+LAST RESULT$/);
    expect(row).toMatch(/^dlv_\S+\s+webhook\.test\s+delivered\s+\S+ \S+\s+1\s+HTTP 200$/);
    expect(table.stdout).toMatch(/\n\n1 of 1 deliveries\.\n$/);
    expect((await run(['webhooks', 'deliveries', webhook.id, '--status', 'failed'], { env })).stdout).toBe('No deliveries.\n');
    const json = (await run(['webhooks', 'deliveries', webhook.id, '--json'], { env })).json();
    expect(json.items[0]).toMatchObject({ status: 'delivered', attempts: [{ attempt: 1, responseStatus: 200 }], payload: expect.any(Object) });

    receiver.answerWith(500);
    await run(['webhooks', 'test', webhook.id], { env });
    await server.app.webhooks.runOnce();
    const failing = await run(['webhooks', 'deliveries', webhook.id, '--status', 'pending'], { env });
    expect(failing.stdout.split('\n')[1]).toMatch(/^dlv_\S+\s+webhook\.test\s+pending\s+\S+ \S+\s+1\s+HTTP 500$/);

    await run(['webhooks', 'update', webhook.id, '--disable'], { env });
    const disabled = await run(['webhooks', 'test', webhook.id], { env });
    expect(disabled.code).toBe(EXIT.CONFLICT);
    expect(disabled.stderr).toMatch(/\(409 \S+\)\n$/);
  });

  it('deletes a webhook', async () => {
    const { webhook } = (await run(['webhooks', 'create', receiver.url, '--json'], { env })).json();
    const deleted = await run(['webhooks', 'delete', webhook.id], { env });
    expect(deleted).toMatchObject({ code: EXIT.OK, stdout: `Deleted webhook ${webhook.id}.\n` });
    expect((await run(['webhooks', 'show', webhook.id], { env })).code).toBe(EXIT.NOT_FOUND);
    expect((await run(['webhooks', 'deliveries', webhook.id], { env })).code).toBe(EXIT.NOT_FOUND);
    const again = await run(['webhooks', 'delete', webhook.id, '--json'], { env });
    expect(again.code).toBe(EXIT.NOT_FOUND);
    expect(JSON.parse(again.stderr)).toMatchObject({ error: { status: 404, code: 'NOT_FOUND' } });
    const { webhook: kept } = (await run(['webhooks', 'create', receiver.url, '--json'], { env })).json();
    expect((await run(['webhooks', 'delete', kept.id, '--json'], { env })).json()).toEqual({ id: kept.id, deleted: true });
  });

  it('exits with the documented code for each kind of failure', async () => {
    const badUrl = await run(['webhooks', 'create', 'ftp://example.com/in'], { env });
    expect(badUrl.code).toBe(EXIT.INVALID);
    expect(badUrl.stderr).toMatch(/\(400 \S+\)/);
    const unknownProject = await run(['webhooks', 'create', receiver.url, '--project', 'prj_0000000000000000000000'], { env });
    expect(unknownProject.code).toBe(EXIT.INVALID);
    expect(unknownProject.stderr).toMatch(/\(422 PROJECT_NOT_FOUND\)/);
    for (const args of [['show', 'whk_0000000000000000000000'], ['update', 'whk_0000000000000000000000', '--description', 'x'], ['rotate-secret', 'whk_0000000000000000000000'], ['test', 'whk_0000000000000000000000']]) {
      expect((await run(['webhooks', ...args], { env })).code, args.join(' ')).toBe(EXIT.NOT_FOUND);
    }
    expect((await run(['webhooks', 'show', 'not-an-id'], { env })).code).toBe(EXIT.INVALID);

    const readOnly = (await managementKey(server, admin, ['keys.read'])).token;
    const forbidden = await run(['webhooks', 'list'], { env: { ...env, KEYWARD_TOKEN: readOnly } });
    expect(forbidden.code).toBe(EXIT.FORBIDDEN);
    expect(forbidden.stderr).toMatch(/\(403 FORBIDDEN\)\n$/);
    const reader = (await managementKey(server, admin, ['webhooks.read'])).token;
    expect((await run(['webhooks', 'list'], { env: { ...env, KEYWARD_TOKEN: reader } })).code).toBe(EXIT.OK);
    expect((await run(['webhooks', 'create', receiver.url], { env: { ...env, KEYWARD_TOKEN: reader } })).code).toBe(EXIT.FORBIDDEN);

    expect((await run(['webhooks', 'list'], { env: { KEYWARD_URL: server.url } })).code).toBe(EXIT.UNAUTHENTICATED);
    expect((await run(['webhooks', 'list'], { env: { ...env, KEYWARD_TOKEN: 'tk_000000000000000000000000000000' } })).code).toBe(EXIT.UNAUTHENTICATED);
    const unreachable = await run(['webhooks', 'list', '--json'], { env: { ...env, KEYWARD_URL: `http://127.0.0.1:${await freePort()}` } });
    expect(unreachable.code).toBe(EXIT.UNREACHABLE);
    expect(JSON.parse(unreachable.stderr)).toMatchObject({ error: { code: 'UNREACHABLE', detail: expect.stringMatching(/^could not reach Keyward at http:\/\/127\.0\.0\.1:\d+: /) } });
  });
});
