import { isSea } from 'node:sea';

/**
 * The young generation's bound, in MB per semi-space (V8's `--max-semi-space-size`).
 *
 * V8 sizes it from the machine's memory; here it grew to two 32 MB semi-spaces, 64 MB of RSS
 * the process keeps once traffic has touched it. A verification's garbage dies within the
 * request, so a smaller nursery collects as much per scavenge, only more often: 16 MB halves
 * what it holds (README, "Peak RSS").
 */
export const SEMI_SPACE_MB = 16;

const FLAG = '--max-semi-space-size';

type Process = { execPath: string; execArgv: readonly string[]; argv: readonly string[]; env: Readonly<Record<string, string | undefined>> };

/**
 * The command line to run this process again with the young generation bounded, or undefined
 * when it is bounded already: the flag is on the command line or in NODE_OPTIONS (the operator's
 * own value, or this process after the restart).
 */
export function boundedYoungGenerationArgv(current: Process): string[] | undefined {
  const given = (arg: string) => arg === FLAG || arg.startsWith(`${FLAG}=`);
  if (current.execArgv.some(given) || (current.env.NODE_OPTIONS ?? '').split(/\s+/).some(given)) return undefined;
  return [current.execPath, `${FLAG}=${SEMI_SPACE_MB}`, ...current.execArgv, ...current.argv.slice(1)];
}

/**
 * Bounds the young generation (SEMI_SPACE_MB). V8 sizes it once, when the process starts, so
 * the process replaces itself (execve: the same pid, streams and environment) with one started
 * with the flag, before it has loaded anything else; once bounded, this returns at once.
 * Not in a single executable, which reads no Node options from its command line.
 */
export function boundYoungGeneration(): void {
  if (isSea()) return;
  const argv = boundedYoungGenerationArgv(process);
  if (argv && typeof process.execve === 'function') process.execve(process.execPath, argv, process.env);
}
