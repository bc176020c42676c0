import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import manifest from '../../package.json' with { type: 'json' };
import { freePort } from './keyward-process.ts';

/**
 * A `keyward` command as a person installed it (the single executable, the npm package's bin,
 * or the container image's), run in `cwd`, a folder of its own, with only `env` in its
 * environment. `files` says where its embedded store is (on this machine) and where a backup
 * goes (as the command names it, and on this machine): ./data/keyward.db and
 * ./keyward-backup.db in `cwd` unless given.
 */
export type InstalledKeyward = {
  command: string;
  args?: string[];
  cwd: string;
  env: Record<string, string>;
  files?: { database: string; backup: string; backupHere: string };
};

export type Run = { code: number | null; stdout: string; stderr: string };

/** Runs `keyward ARGS` to its end, with `input` on stdin. */
export function run(keyward: InstalledKeyward, args: string[], input = '', extraEnv: Record<string, string> = {}): Promise<Run> {
  const child = spawn(keyward.command, [...(keyward.args ?? []), ...args], { cwd: keyward.cwd, env: { ...keyward.env, ...extraEnv }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export type Serving = { url: string; child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** Starts `keyward serve` on a free loopback port and waits until /healthz answers. */
export async function serve(keyward: InstalledKeyward): Promise<Serving> {
  const port = await freePort();
  const child = spawn(keyward.command, [...(keyward.args ?? []), 'serve', '--port', String(port)], { cwd: keyward.cwd, env: keyward.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`keyward serve exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, child, output: () => output, exited };
}

/** The dashboard as a browser first loads it: the sign-in page, then every script and style it names. */
async function expectSignInPage(url: string): Promise<void> {
  const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toContain('text/html');
  const html = await page.text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
  expect(assets.some((path) => path.endsWith('.js')), html).toBe(true);
  for (const path of assets) {
    const asset = await fetch(`${url}${path}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.status, path).toBe(200);
    expect(asset.headers.get('content-type'), path).toMatch(path.endsWith('.js') ? /javascript/ : /text\/css/);
    expect((await asset.arrayBuffer()).byteLength, path).toBeGreaterThan(0);
  }
  // The API reference's page and its scripts, which come with the server too.
  expect((await fetch(`${url}/docs/static/swagger-ui-bundle.js`)).status).toBe(200);
}

/** Posts JSON with the session (cookie and CSRF token) or a bearer key, and answers the parsed body. */
async function post(url: string, path: string, body: unknown, auth: { cookie?: string; csrf?: string; bearer?: string }, status = 201): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.csrf) headers['x-csrf-token'] = auth.csrf;
  if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
  const response = await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  expect(response.status, `${path}: ${text}`).toBe(status);
  return { body: JSON.parse(text), headers: response.headers };
}

/**
 * What a person does first with an installed Keyward, in an empty folder: the version, the
 * schema, the first admin (`admin create`), then `keyward serve` on the embedded store: sign in,
 * a project, a key that verifies, the dashboard's sign-in page, the remote commands with a
 * management key, a backup while it serves, and SIGTERM, after which it exits 0.
 */
export async function exerciseInstalledKeyward(keyward: InstalledKeyward): Promise<void> {
  const files = keyward.files ?? { database: join(keyward.cwd, 'data', 'keyward.db'), backup: 'keyward-backup.db', backupHere: join(keyward.cwd, 'keyward-backup.db') };
  const version = await run(keyward, ['--version']);
  expect(version, version.stderr).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
  const migrated = await run(keyward, ['migrate']);
  expect(migrated.code, migrated.stderr).toBe(0);
  expect(existsSync(files.database), `the embedded store is at ${files.database}`).toBe(true);
  const password = 'change-me-now-please';
  const admin = await run(keyward, ['admin', 'create', '--username', 'admin', '--password-stdin'], password);
  expect(admin.code, admin.stderr).toBe(0);

  const server = await serve(keyward);
  try {
    const login = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    expect(login.status).toBe(200);
    const session = { cookie: login.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; '), csrf: ((await login.json()) as { csrfToken: string }).csrfToken };
    const project = (await post(server.url, '/v1/projects', { name: 'Installed', keyPrefix: 'in' }, session)).body.id as string;
    const group = (await post(server.url, '/v1/groups', { name: 'writers', permissions: ['things.write'] }, session)).body.id as string;
    const token = (await post(server.url, '/v1/keys', { projectId: project, name: 'worker', groupIds: [group] }, session)).body.token as string;
    const verified = await post(server.url, '/v1/keys/verify', { key: token, projectId: project, permissions: ['things.write'] }, {}, 200);
    expect(verified.body).toMatchObject({ valid: true, code: 'VALID' });

    await expectSignInPage(server.url);

    const managers = (await post(server.url, '/v1/groups', { name: 'managers', permissions: ['keys.read', 'keys.write', 'things.write'] }, session)).body.id as string;
    const managementKey = (await post(server.url, '/v1/keys', { projectId: project, name: 'cli', groupIds: [managers] }, session)).body.token as string;
    const remote = { KEYWARD_URL: server.url, KEYWARD_TOKEN: managementKey };
    const listed = await run(keyward, ['keys', 'list', '--project', project, '--json'], '', remote);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).items.map((key: { name: string }) => key.name).sort()).toEqual(['cli', 'worker']);
    const checked = await run(keyward, ['verify', token, '--permission', 'things.write'], '', remote);
    expect(checked.code, checked.stderr).toBe(0);

    const backup = await run(keyward, ['backup', '--to', files.backup]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(existsSync(files.backupHere)).toBe(true);

    server.child.kill('SIGTERM');
    expect(await server.exited, server.output()).toBe(0);
    expect(server.output()).not.toMatch(/"level":(50|60)/);
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  }
}
