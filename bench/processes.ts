import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/support/keyward-process.ts';
import { createPostgresDatabase } from '../test/support/test-database.ts';

// The benchmark's processes: ports, readiness, CPU and memory from /proc, the load driver,
// and the databases it makes for itself (never the shared ones' data).

export { freePort };

export async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} did not come up`);
}

/** CPU time a process has used so far (user + system), in ms, from /proc. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime, in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Peak resident set size of a process, from the kernel's high-water mark. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/VmHWM:\s+(\d+) kB/)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export type Load = { requestsPerSecond: number; p50: number; p99: number; non2xx: number; errors: number; total: number };

/**
 * Runs one load job in its own process (bench/drive.ts), so the driver never shares an event
 * loop with a server. The job goes through a file: a working set of 100,000 tokens is larger
 * than one command-line argument may be.
 */
export function drive(job: Record<string, unknown>): Promise<Load> {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-drive-'));
  const file = join(dir, 'job.json');
  writeFileSync(file, JSON.stringify(job));
  return new Promise<Load>((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'drive.ts'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`driver exited ${code}`))));
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** A database of the benchmark's own on the given PostgreSQL server, dropped at the end. */
export const postgresDatabase = (adminUrl: string) => createPostgresDatabase(adminUrl, 'keyward_bench');

/**
 * A Redis of the benchmark's own on a free port (never the shared one: its command counts are
 * the benchmark's alone), stopped with the benchmark.
 */
export async function startRedis(children: ChildProcess[]): Promise<{ url: string; port: number }> {
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  children.push(redis);
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ready = await new Promise<boolean>((resolve) => {
      const probe = spawn('redis-cli', ['-p', String(port), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      probe.stdout.on('data', (chunk) => (out += chunk));
      probe.on('exit', () => resolve(out.trim() === 'PONG'));
    });
    if (ready) return { url, port };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('redis-server did not start');
}
