import type { Redis } from 'ioredis';
import { cpuMs, drive, type Load } from './processes.ts';

export type Measured = Load & { cpuMicros: number; statementsPerRequest: number; redisPerRequest: number | undefined };

/** The median of some figures (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
}

/**
 * What the server says of itself while the bench drives it: its /metrics (answered to loopback
 * clients) for database statements and the key cache, Redis's command counts, and the server
 * process's CPU time from /proc, so each run reports what a request costs beside how many ran.
 */
export function serverFigures(keywardUrl: string, redisClient: Redis | undefined, duration: number) {
  const metrics = async () => {
    const text = await (await fetch(`${keywardUrl}/metrics`)).text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
    return {
      statements: value(/^keyward_database_statements_total (\d+)/m),
      hits: value(/^keyward_key_cache_lookups_total\{result="hit"\} (\d+)/m),
      misses: value(/^keyward_key_cache_lookups_total\{result="miss"\} (\d+)/m),
      cachedKeys: value(/^keyward_key_cache_entries\{kind="key"\} (\d+)/m),
      cachedUnknown: value(/^keyward_key_cache_entries\{kind="unknown"\} (\d+)/m),
      cacheBound: value(/^keyward_key_cache_max_entries\{kind="key"\} (\d+)/m),
    };
  };
  /** Commands Redis has run so far (less the INFO calls that ask). */
  let infoCalls = 0;
  const redisCommands = async () => {
    if (!redisClient) return undefined;
    const info = await redisClient.info('commandstats');
    infoCalls++;
    return [...info.matchAll(/calls=(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0) - infoCalls;
  };

  /**
   * A short warm-up, then the measured run, with the server's CPU time, database statements and
   * Redis commands per request: on a machine busy with other work, throughput swings with what
   * else runs; what a request costs much less. `server` false: a process without our metrics.
   */
  async function measure(job: Record<string, unknown>, serverPid: number, server: boolean): Promise<Measured> {
    // Every path was warmed at the start; this second is for the connections and the switch.
    await drive({ ...job, duration: 1 });
    const before = { cpu: cpuMs(serverPid), ...(server ? { counts: await metrics(), redis: await redisCommands() } : {}) };
    const load = await drive({ ...job, duration });
    const cpuMicros = ((cpuMs(serverPid) - before.cpu) * 1000) / Math.max(1, load.total);
    if (!server) return { ...load, cpuMicros, statementsPerRequest: 0, redisPerRequest: undefined };
    const counts = await metrics();
    const redisAfter = await redisCommands();
    return {
      ...load,
      cpuMicros,
      statementsPerRequest: (counts.statements - before.counts!.statements) / Math.max(1, load.total),
      redisPerRequest: redisAfter === undefined ? undefined : (redisAfter - before.redis!) / Math.max(1, load.total),
    };
  }

  /** p95 of `count` list requests, one at a time, the i-th searching `query(i)`. */
  async function listP95(url: (i: number) => string, authorization: string, count: number): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const response = await fetch(url(i), { headers: { authorization } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`list answered ${response.status}`);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length * 0.95)]!;
  }

  return { metrics, measure, listP95 };
}
