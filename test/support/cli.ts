import { spawn } from 'node:child_process';
import { runCli } from '../../src/cli/program.ts';
import type { CliIo } from '../../src/cli/io.ts';

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

const ENTRY = new URL('../../src/cli/keyward.ts', import.meta.url).pathname;

/**
 * Runs the real `keyward` bin in a child process of its own, as a script or an operator
 * would (with this Node, and only PATH and `env` in its environment).
 *
 * @example const made = await runKeywardProcess(['backup', '--to', file], { env: { DATABASE_URL } })
 */
export function runKeywardProcess(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<CliRun> {
  const child = spawn(process.execPath, ['--conditions=@keyward/source', ENTRY, ...args], { env: { PATH: process.env.PATH, ...options.env }, stdio: 'pipe' });
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
