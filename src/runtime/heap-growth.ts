import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what the last full collection kept, in percent.
 *
 * V8 chooses this itself, between 10% and 300% of the live heap, from how fast it collects
 * compared with how fast the program allocates; a server that allocates fast (a verification
 * log entry, usage counts and a flush's batches per request) gets the upper end. Measured under
 * `npm run bench` with 100,000 keys cached (about 120 MB live): the heap then reached 376 MB
 * used, three quarters of it garbage, before a full collection ran, and the process 517 MB.
 * At 50% it stayed near 170 MB (README, "Peak RSS"). A full collection marks concurrently, on
 * another thread, so collecting sooner costs a little CPU, not pauses.
 */
export const HEAP_GROWING_PERCENT = 50;

const FLAG = '--heap-growing-percent';

/**
 * The V8 flags the server sets for itself: none when the operator gave `--heap-growing-percent`
 * on the command line (`node --heap-growing-percent=… src/server.ts`), which then holds.
 */
export function heapGrowthFlags(execArgv: readonly string[]): string[] {
  return execArgv.some((arg) => arg === FLAG || arg.startsWith(`${FLAG}=`)) ? [] : [`${FLAG}=${HEAP_GROWING_PERCENT}`];
}

/**
 * Bounds the old generation's growth between full collections (HEAP_GROWING_PERCENT). V8 reads
 * this flag at every full collection, so setting it once the process runs takes effect; the
 * server calls it before building the app. Answers the flags it set.
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): string[] {
  const flags = heapGrowthFlags(execArgv);
  for (const flag of flags) setFlagsFromString(flag);
  return flags;
}
