import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * The limits' own cost in Redis mode, in process, without HTTP: CPU µs per
 * `UsageLimiter.consume` against a Redis (the machine's, under a prefix of its own), for the
 * bench's two limited shapes (verify-limited: a rate limit and a quota; verify-named-limits: a
 * second and a minute window), 2,000 keys each, 50 calls in flight. `--tree DIR` measures
 * another checkout (e.g. `git worktree add` of an older commit), for before and after in the
 * same minutes: `npx node bench/limiter-cpu.ts --tree ../before`; `--only verify-limited` for one.
 */
const { values: args } = parseArgs({
  options: {
    tree: { type: 'string', default: join(import.meta.dirname, '..') },
    calls: { type: 'string', default: '40000' },
    concurrency: { type: 'string', default: '50' },
    'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' },
    only: { type: 'string' },
  },
});
const tree = resolve(args.tree);
const { openStore } = (await import(join(tree, 'src/store/connect.ts'))) as typeof import('../src/store/connect.ts');
const { migrateToLatest } = (await import(join(tree, 'src/store/migrate.ts'))) as typeof import('../src/store/migrate.ts');
const { UsageLimiter } = (await import(join(tree, 'src/runtime/usage/usage-limits.ts'))) as typeof import('../src/runtime/usage/usage-limits.ts');
const { openRedis } = (await import(join(tree, 'src/runtime/redis-client.ts'))) as typeof import('../src/runtime/redis-client.ts');

const dir = mkdtempSync(join(tmpdir(), 'keyward-limiter-cpu-'));
const store = openStore(`file:${join(dir, 'keyward.db')}`);
const redis = openRedis(args['redis-url'], () => {});
const prefix = `keyward-limiter-cpu-${randomBytes(4).toString('hex')}:`;
const fail = (error: unknown) => {
  throw error;
};
try {
  await migrateToLatest(store.db, store.dialect);
  if (redis.status !== 'ready') await new Promise((ready) => redis.once('ready', ready));
  // The write-behind is left out (an hour): what is timed is the spend.
  const limiter = new UsageLimiter({ keyCounters: store.repos.keyQuotas, identityCounters: store.repos.identityQuotas, mode: 'redis', redis, prefix, flushMs: 3_600_000, onFallback: fail, onError: fail });
  const huge = 1_000_000_000;
  const shapes = {
    'verify-limited': (i: number) => ({ id: `key_l${i}`, ratelimits: [{ name: 'default', limit: huge, durationMs: 60_000, autoApply: true }], remaining: huge * 1000 }),
    'verify-named-limits': (i: number) => ({
      id: `key_n${i}`, remaining: null,
      ratelimits: [{ name: 'per-second', limit: huge, durationMs: 1000, autoApply: true }, { name: 'per-minute', limit: huge, durationMs: 60_000, autoApply: true }],
    }),
  };
  for (const [name, shape] of Object.entries(shapes).filter(([name]) => args.only === undefined || name === args.only)) {
    const keys = Array.from({ length: 2000 }, (_, i) => ({ refill: null, lastRefillAt: null, identity: null, ...shape(i) }));
    const run = async (calls: number) => {
      let next = 0;
      await Promise.all(Array.from({ length: Number(args.concurrency) }, async () => {
        while (next < calls) await limiter.consume(keys[next++ % keys.length]!, { cost: 1 }, Date.now());
      }));
    };
    await run(4000);
    const calls = Number(args.calls);
    const cpu = process.cpuUsage();
    const started = performance.now();
    await run(calls);
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - started) / 1000;
    console.log(`${name}: ${((used.user + used.system) / calls).toFixed(1)} µs of CPU per consume, ${Math.round(calls / seconds).toLocaleString('en')} consumes/s`);
  }
  await limiter.close();
} finally {
  const names = await redis.keys(`${prefix}*`);
  for (let i = 0; i < names.length; i += 1000) await redis.del(...names.slice(i, i + 1000));
  redis.disconnect();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
