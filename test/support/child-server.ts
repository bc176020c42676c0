import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { apiClient, type ApiClient } from './api-client.ts';
import { freePort } from './keyward-process.ts';
import { TEST_SECRET } from './test-server.ts';

const root = join(import.meta.dirname, '..', '..');


/** Keyward as `npm start` runs it (`src/server.ts`), in a child process on a SQLite file. */
export type ChildServer = {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it printed so far. */
  output: () => string;
  /** Resolves with how it ended, and when (ms since the epoch). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
};

/**
 * Starts `src/server.ts` on `dbPath` with the test secret (and `env` on top), and waits until
 * /healthz answers. The caller stops it (SIGTERM, SIGKILL) and awaits `exited`.
 *
 * @example const server = await startChildServer({ dbPath, env: { KEYWARD_ADMIN_USERNAME: 'admin', ... } })
 */
export async function startChildServer(options: { dbPath: string; env?: Record<string, string> }): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'src/server.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${options.dbPath}`,
      KEYWARD_SECRET: TEST_SECRET,
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`keyward exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`keyward did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, port, child, output: () => output, exited };
}

/** Ends a child that is still running (for afterAll), and waits for it. */
export async function killChild(server: ChildServer | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGKILL');
  await server.exited;
}

/** The first admin that `prepareDatabase` creates and `startChildServer` callers sign in as. */
export const CHILD_ADMIN = { username: 'child-admin', password: 'a-long-enough-admin-password' };

/**
 * Prepares `dbPath` in this process (a cheap password cost, so no half-second scrypt per
 * sign-in), signed in as `CHILD_ADMIN`, and closes it: a child server started on the file then
 * finds the rows, and the session cookie (stored hashed) still signs in.
 *
 * @example const seeded = await prepareDatabase(dbPath, async (admin) => (await admin.post('/v1/projects', { name: 'x' })).body.id)
 */
export async function prepareDatabase<T>(dbPath: string, work: (admin: ApiClient, session: { cookie: string; csrfToken: string }) => Promise<T>): Promise<T> {
  const config = loadConfig({
    DATABASE_URL: `file:${dbPath}`,
    LOG_LEVEL: 'warn',
    KEYWARD_SECRET: TEST_SECRET,
    KEYWARD_ADMIN_USERNAME: CHILD_ADMIN.username,
    KEYWARD_ADMIN_PASSWORD: CHILD_ADMIN.password,
  });
  const app = await buildApp({ config, secret: Buffer.from(TEST_SECRET), passwordCost: 1024, logStream: { write: () => undefined } });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await fetch(`${url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CHILD_ADMIN) });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status}`);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    return await work(apiClient(url, { cookie, csrfToken }), { cookie, csrfToken });
  } finally {
    await app.close();
  }
}
