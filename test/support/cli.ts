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
