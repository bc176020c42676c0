import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuMs, freePort, postgresDatabase, waitFor } from './processes.ts';
import { seed, type Seeded } from './seed.ts';

// `npm run bench:search [-- --keys 1000000 --store postgres]`: the searched key list alone, on
// the keys `npm run bench` seeds, with the same requests (a filtered page of 50, one request at
// a time): without the verification scenarios, a run at a million keys is its seeding and a
// few seconds.
const { values: args } = parseArgs({
  options: {
    keys: { type: 'string', default: '100000' },
    store: { type: 'string', default: 'sqlite' },
    'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    database: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log('npm run bench:search -- [--keys N=100000] [--store sqlite|postgres] [--postgres-url URL of a database to create the bench database from]\n' +
    '                            [--database FILE: a SQLite file `npm run bench -- --database FILE` seeded (or seed it now), reused]');
  process.exit(0);
}
const keyCount = Number(args.keys);
if (args.store !== 'sqlite' && args.store !== 'postgres') throw new Error('--store is sqlite or postgres');
if (args.database && args.store !== 'sqlite') throw new Error('--database is for the embedded store');

const dir = mkdtempSync(join(tmpdir(), 'keyward-bench-search-'));
// The same kept file as `npm run bench -- --database FILE`: its secret and tokens beside it.
const kept = args.database && existsSync(`${args.database}.seeded.json`)
  ? (JSON.parse(readFileSync(`${args.database}.seeded.json`, 'utf8')) as { secret: string; seeded: Seeded; seedSeconds: number; keyCount: number })
  : undefined;
if (kept && kept.keyCount !== keyCount) throw new Error(`${args.database} holds ${kept.keyCount} keys, not ${keyCount}`);
const secret = kept?.secret ?? randomBytes(32).toString('base64url');
const postgres = args.store === 'postgres' ? await postgresDatabase(args['postgres-url']!) : undefined;
const children: ChildProcess[] = [];
try {
  const databaseUrl = postgres?.url ?? `file:${args.database ?? join(dir, 'keyward.db')}`;
  const seedStarted = performance.now();
  const seeded = kept?.seeded ?? await seed(databaseUrl, Buffer.from(secret), keyCount, { workingSet: Math.min(keyCount, 100_000) });
  const seedSeconds = kept?.seedSeconds ?? (performance.now() - seedStarted) / 1000;
  if (args.database && !kept) writeFileSync(`${args.database}.seeded.json`, JSON.stringify({ secret, seeded, seedSeconds, keyCount }));
  console.error(`seeded ${keyCount.toLocaleString('en')} keys in ${seedSeconds.toFixed(1)} s`);

  const port = await freePort();
  const keyward = spawn(process.execPath, [join(import.meta.dirname, '..', 'src/server.ts')], {
    env: { PATH: process.env.PATH, PORT: String(port), DATABASE_URL: databaseUrl, KEYWARD_SECRET: secret, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(keyward);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz`);
  const authorization = `Bearer ${seeded.adminToken}`;
  // As `npm run bench` leaves them: its deletable keys deleted through the API.
  for (const { id } of seeded.deletableKeys) {
    const deleted = await fetch(`${url}/v1/keys/${id}`, { method: 'DELETE', headers: { authorization } });
    if (deleted.status !== 204 && deleted.status !== 404) throw new Error(`deleting a key answered ${deleted.status}`);
  }

  /** 200 requests one at a time: p50 and p95 in ms, and the server's CPU per request (from /proc, 10 ms ticks over all 200). */
  const timed = async (query: (i: number) => string) => {
    const times: number[] = [];
    const cpuBefore = cpuMs(keyward.pid!);
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      const response = await fetch(searchUrl(query(i)), { headers: { authorization } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`list answered ${response.status}`);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { p50: times[100]!, p95: times[190]!, cpu: (cpuMs(keyward.pid!) - cpuBefore) / 200 };
  };
  const searchUrl = (q: string) => `${url}/v1/keys?projectId=${seeded.projectId}&status=active&q=${encodeURIComponent(q)}&limit=50`;
  const searches: [string, (i: number) => string][] = [
    ['few keys match ("number N")', (i) => `number ${(i * 7919) % keyCount}`],
    ['words every key has ("bench key", "number")', (i) => (i % 2 ? 'bench key' : 'number')],
    ['"bench key" (every key, the newest first)', () => 'bench key'],
    ['"number" (all but the newest 4,000)', () => 'number'],
    ['"number 12" (1 in 90, the first 870,000 keys down at a million)', () => 'number 12'],
  ];
  // Every statement prepared and every page cached once before anything is timed.
  for (const [, query] of searches) await timed(query);
  const load = loadavg()[0]!.toFixed(2);
  console.log(`\nsearched list page of 50 keys, ${keyCount.toLocaleString('en')} keys (${args.store === 'postgres' ? 'PostgreSQL' : 'SQLite'}), 200 requests one at a time, load average ${load} before:`);
  for (const [name, query] of searches) {
    const { p50, p95, cpu } = await timed(query);
    console.log(`  ${name}: p95 ${p95.toFixed(1)} ms, p50 ${p50.toFixed(1)} ms, Keyward's CPU ${cpu.toFixed(2)} ms a request`);
  }
  console.log(`load average after: ${loadavg()[0]!.toFixed(2)} (cores: ${availableParallelism()})`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await postgres?.drop();
  rmSync(dir, { recursive: true, force: true });
}
