import { spawn, type ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import { runCli } from '../../src/cli/program.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { beforeAll } from 'vitest';
import { managementKey } from './people.ts';
import { withServerAndAdmin, type ServerWithAdmin } from './server-with-admin.ts';

/** What an in-process `keyward` run printed and exited with. */
export type CliRun = { code: number; stdout: string; stderr: string; json: () => any };

/** Runs `keyward` in this process with captured output, as a script would see it. */
export async function runKeyward(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    env: options.env ?? {},
    stdout: { write: (text) => (stdout += text) },
    stderr: { write: (text) => (stderr += text) },
    stdin: options.input === undefined ? [] : [options.input],
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

/** The `keyward` bin's entry file. */
export const ENTRY = new URL('../../src/cli/keyward.ts', import.meta.url).pathname;
/** A child's PATH: it finds this Node first, as `npx keyward` would find the project's pinned one. */
export const PATH = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;

/**
 * Runs the real `keyward` bin in a child process of its own, as a script or an operator
 * would (with this Node, and only PATH and `env` in its environment); `viaShebang` starts the
 * file itself, through its `#!` line, as a shell would.
 *
 * @example const made = await runKeywardProcess(['backup', '--to', file], { env: { DATABASE_URL } })
 */
export function runKeywardProcess(args: string[], options: { env?: Record<string, string>; input?: string; viaShebang?: boolean } = {}): Promise<CliRun> {
  const [command, argv] = options.viaShebang ? [ENTRY, args] : [process.execPath, ['--conditions=@keyward/source', ENTRY, ...args]];
  const child = spawn(command, argv, { env: { PATH, ...options.env }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, json: () => JSON.parse(stdout) }));
  });
}

/** Starts `keyward serve …` (`args` after serve) in a child process, its output ignored; see healthOf. */
export function spawnKeywardServe(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--conditions=@keyward/source', ENTRY, 'serve', ...args], { env: { PATH, ...env }, stdio: 'ignore' });
}

/** Asks `url`/healthz every 100 ms until it answers: the answer, or undefined after `attempts` unanswered asks. */
export async function healthOf(url: string, attempts: number): Promise<Response | undefined> {
  let health: Response | undefined;
  for (let attempt = 0; attempt < attempts && !health; attempt += 1) {
    health = await fetch(`${url}/healthz`).catch(() => undefined);
    if (!health) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return health;
}

/** What `withCliServer` hands over: withServerAndAdmin's, and the environment `keyward` manages that server with. */
export type CliServer = ServerWithAdmin & { env: Record<string, string> };

/**
 * Before the file's tests: a server and its admin (withServerAndAdmin), and `env` for the
 * `keyward` commands under test (KEYWARD_URL and a management key that holds every permission).
 *
 * @example
 * withCliServer((started) => ({ server, env } = started));
 */
export function withCliServer(use: (started: CliServer) => void): void {
  let started: ServerWithAdmin;
  withServerAndAdmin((server) => (started = server));
  beforeAll(async () => {
    const { token } = await managementKey(started.server, started.admin, ['*']);
    use({ ...started, env: { KEYWARD_URL: started.server.url, KEYWARD_TOKEN: token } });
  });
}
