import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { signIn } from '../../test/support/api-client.ts';
import { managementKey } from '../../test/support/people.ts';
import { runKeyward, withCliServer } from '../../test/support/cli.ts';
import type { TestServer } from '../../test/support/test-server.ts';
import { EXIT } from './exit-codes.ts';
import { buildProgram } from './program.ts';

// The child-process runs are in keyward.test.ts.
const run = runKeyward;

/** Every command path of the tree: ['keys'], ['keys', 'list'], … */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((child) => [[...prefix, child.name()], ...commandPaths(child, [...prefix, child.name()])]);
}

describe('keyward command line', () => {
  it('answers --help on every command, with its usage, exiting 0', async () => {
    const paths = commandPaths(buildProgram({ env: {}, stdout: { write: () => true }, stderr: { write: () => true }, stdin: [] }));
    expect(paths.map((path) => path.join(' '))).toEqual(expect.arrayContaining([
      'serve', 'migrate', 'admin create', 'verify', 'audit list',
      ...['list', 'show', 'create', 'enable', 'disable', 'regenerate', 'delete'].map((action) => `keys ${action}`),
      ...['list', 'show', 'create', 'delete'].flatMap((action) => [`users ${action}`, `groups ${action}`, `projects ${action}`]),
    ]));
    for (const path of paths) {
      const help = await run([...path, '--help']);
      expect(help.code, path.join(' ')).toBe(EXIT.OK);
      expect(help.stdout, path.join(' ')).toMatch(new RegExp(`^Usage: keyward ${path.join(' ')}\\b`));
    }
  });

  it('exits 2 with a message and a hint for every kind of command-line mistake', async () => {
    const mistakes = [
      [],
      ['frobnicate'],
      ['keys'],
      ['keys', 'frobnicate'],
      ['keys', 'show'],
      ['keys', 'create', '--token', 't'],
      ['keys', 'list', '--limit', '0'],
      ['keys', 'list', '--status', 'sleeping'],
      ['keys', 'create', '--project', 'prj_x', '--meta', '[1]'],
      ['keys', 'regenerate', 'key_x', '--grace', '-1'],
      ['users', 'create', 'mia', '--role', 'owner'],
      ['keys', 'list', '--no-such-flag'],
      ['admin', 'create', '--username', 'root'],
    ];
    for (const args of mistakes) {
      const result = await run(args, { env: { KEYWARD_TOKEN: 't' } });
      expect(result.code, args.join(' ')).toBe(EXIT.USAGE);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr, args.join(' ')).not.toBe('');
    }
    expect((await run(['keys', 'list', '--url', 'ftp://x'], { env: { KEYWARD_TOKEN: 't' } })).stderr).toBe('keyward: --url must be an http(s) address, got "ftp://x"\n');
  });

  it('refuses a bad admin name or password before touching a database', async () => {
    const name = await run(['admin', 'create', '--username', '-x', '--password-stdin'], { input: 'long-enough-password' });
    expect(name.code).toBe(EXIT.USAGE);
    const short = await run(['admin', 'create', '--username', 'root', '--password-stdin'], { input: 'short\n' });
    expect(short.code).toBe(EXIT.USAGE);
    expect(short.stderr).toMatch(/12 to 256 characters/);
    expect((await run(['migrate'], { env: { DATABASE_URL: 'mysql://x' } })).code).toBe(EXIT.CONFIG);
  });
});

describe('keyward command line against a running server', () => {
  let server: TestServer;
  let env: Record<string, string>;

  withCliServer((started) => ({ server, env } = started));

  it('prints a new key for people: its details, then the token once, last', async () => {
    const projectId = (await run(['projects', 'create', 'Shown', '--prefix', 'shw', '--json'], { env })).json().id;
    const created = await run(['keys', 'create', '--project', projectId, '--name', 'people', '--ip', '10.0.0.0/8', '--disabled'], { env });
    expect(created.code, created.stderr).toBe(EXIT.OK);
    expect(created.stdout).toMatch(/^ID:\s+key_/);
    expect(created.stdout).toMatch(/\nName:\s+people\n/);
    expect(created.stdout).toMatch(/\nStatus:\s+inactive\n/);
    expect(created.stdout).toMatch(/\nIP allowlist:\s+10\.0\.0\.0\/8\n/);
    expect(created.stdout).toMatch(/\n\nToken \(shown this once; store it now\):\nshw_[0-9A-Za-z]{30}\n$/);
  });

  it('pages through a list, and walks every page with --all', async () => {
    const projectId = (await run(['projects', 'create', 'Paged', '--json'], { env })).json().id;
    for (const name of ['a', 'b', 'c']) await run(['keys', 'create', '--project', projectId, '--name', name], { env });
    const first = await run(['keys', 'list', '--project', projectId, '--limit', '2'], { env });
    expect(first.stdout).toMatch(/\n\n2 of 3 keys\. Next page: keyward keys list --cursor \S+ \(or --all for every page\)\n$/);
    const all = (await run(['keys', 'list', '--project', projectId, '--limit', '2', '--all', '--json'], { env })).json();
    expect(all).toMatchObject({ total: 3, nextCursor: null });
    expect(all.items.map((key: { name: string }) => key.name)).toEqual(['c', 'b', 'a']);
    expect((await run(['keys', 'list', '--project', projectId, '--status', 'expired'], { env })).stdout).toBe('No keys.\n');
  });

  it('manages users, groups and projects, and reads the audit log', async () => {
    const user = await run(['users', 'create', 'cli-mia', '--password-stdin', '--json'], { env, input: 'mia-password-0123\n' });
    expect(user.code, user.stderr).toBe(EXIT.OK);
    const userId = user.json().id as string;
    await signIn(server, 'cli-mia', 'mia-password-0123');
    expect((await run(['users', 'list', '--search', 'cli-mia'], { env })).stdout).toMatch(new RegExp(`^ID\\s+USERNAME\\s+ROLE\\s+ACTIVE\\s+GROUPS\\n${userId}\\s+cli-mia\\s+member\\s+yes\\s+-\\n`));
    expect((await run(['users', 'show', userId], { env })).stdout).toMatch(/Username:\s+cli-mia/);
    expect((await run(['users', 'delete', userId], { env })).stdout).toBe(`Deleted user ${userId}.\n`);
    expect((await run(['users', 'show', userId], { env })).code).toBe(EXIT.NOT_FOUND);

    const group = (await run(['groups', 'create', 'cli-writers', '--permission', 'a.write', '--permission', 'b.write', '--description', 'writes', '--json'], { env })).json();
    expect(group).toMatchObject({ name: 'cli-writers', description: 'writes', permissions: ['a.write', 'b.write'] });
    expect((await run(['groups', 'show', group.id], { env })).stdout).toMatch(/Permissions:\s+a\.write, b\.write/);
    expect((await run(['groups', 'list', '--all', '--json'], { env })).json().items.map((item: { id: string }) => item.id)).toContain(group.id);
    expect((await run(['groups', 'delete', group.id, '--json'], { env })).json()).toEqual({ id: group.id, deleted: true });

    const project = (await run(['projects', 'create', 'Doomed', '--json'], { env })).json();
    await run(['keys', 'create', '--project', project.id], { env });
    const refused = await run(['projects', 'delete', project.id], { env });
    expect(refused.code).toBe(EXIT.CONFLICT);
    expect((await run(['projects', 'delete', project.id, '--force'], { env })).code).toBe(EXIT.OK);

    const audit = await run(['audit', 'list', '--action', 'project.deleted', '--json'], { env });
    expect(audit.json().items[0]).toMatchObject({ action: 'project.deleted', target: { id: project.id } });
  });

  it('exits 4 when the key may not do it, and 7 naming the field when the input is refused', async () => {
    const readOnly = (await managementKey(server, (await signIn(server)).client, ['keys.read'])).token;
    const forbidden = await run(['projects', 'create', 'Nope'], { env: { ...env, KEYWARD_TOKEN: readOnly } });
    expect(forbidden.code).toBe(EXIT.FORBIDDEN);
    expect(forbidden.stderr).toMatch(/\(403 FORBIDDEN\)\n$/);

    const invalid = await run(['projects', 'create', 'Bad', '--prefix', 'NOT OK'], { env });
    expect(invalid.code).toBe(EXIT.INVALID);
    expect(invalid.stderr).toMatch(/\(400 VALIDATION_FAILED\)\n {2}\/keyPrefix: /);
    expect((await run(['keys', 'create', '--project', 'prj_0000000000000000000000'], { env })).code).toBe(EXIT.INVALID);
  });

  it('verifies with a project, permissions and an address', async () => {
    const projectId = (await run(['projects', 'create', 'Verified', '--json'], { env })).json().id;
    const groupId = (await run(['groups', 'create', 'verified-readers', '--permission', 'x.read', '--json'], { env })).json().id;
    const { token } = (await run(['keys', 'create', '--project', projectId, '--group', groupId, '--ip', '10.0.0.0/8', '--json'], { env })).json();
    const ok = await run(['verify', token, '--project', projectId, '--permission', 'x.read', '--ip', '10.1.2.3'], { env: { KEYWARD_URL: server.url } });
    expect(ok.code).toBe(EXIT.OK);
    expect(ok.stdout).toMatch(/^Result:\s+VALID \(valid\)\n/);
    const elsewhere = await run(['verify', token, '--ip', '192.0.2.1'], { env });
    expect(elsewhere).toMatchObject({ code: EXIT.KEY_INVALID, stdout: 'Result: IP_NOT_ALLOWED (not valid)\n' });
  });
});
