import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuMs, drive, freePort, peakRssMb, waitFor } from './processes.ts';
import { median } from './server-figures.ts';

/**
 * `npm run bench:ab -- DIR_A DIR_B`: two checkouts of Keyward (e.g. `git worktree add` of two
 * commits) compared on the same machine in the same minutes. Each seeds its own SQLite file
 * with its own bench/seed.ts, runs its own server, and the rounds take turns (A then B, then
 * B then A), so a machine whose speed drifts weighs on both alike. Per scenario: the median
 * requests/s and server CPU µs per request of each, and B against A. This is how "within 5% of
 * before" is checked; a single run of `npm run bench` on each commit is not precise enough.
 */
const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    keys: { type: 'string', default: '10000' },
    'working-set': { type: 'string', default: '2000' },
    scenarios: { type: 'string' },
    rounds: { type: 'string', default: '6' },
    duration: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help || positionals.length !== 2) {
  console.log('npm run bench:ab -- DIR_A DIR_B [--keys N=10000] [--working-set N=2000] [--scenarios verify-valid,forward-auth,verify-random-flood,key creation] [--rounds n=6] [--duration s=3] [--connections n=50]');
  process.exit(args.help ? 0 : 64);
}
type Side = { name: string; url: string; pid: number; tokens: string[]; projectId: string; adminToken: string };
const dir = mkdtempSync(join(tmpdir(), 'keyward-ab-'));
const children: ChildProcess[] = [];
try {
  const sides: Side[] = [];
  for (const [index, tree] of positionals.map((path) => resolve(path)).entries()) {
    const secret = randomBytes(32).toString('base64url');
    const databaseUrl = `file:${join(dir, `${index}.db`)}`;
    const { seed } = (await import(join(tree, 'bench/seed.ts'))) as typeof import('./seed.ts');
    const seeded = await seed(databaseUrl, Buffer.from(secret), Number(args.keys), { workingSet: Number(args['working-set']) });
    const port = await freePort();
    const server = spawn(process.execPath, [join(tree, 'src/server.ts')], {
      env: { PATH: process.env.PATH, PORT: String(port), DATABASE_URL: databaseUrl, KEYWARD_SECRET: secret, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(server);
    await waitFor(`http://127.0.0.1:${port}/healthz`);
    sides.push({ name: index === 0 ? 'A' : 'B', url: `http://127.0.0.1:${port}`, pid: server.pid!, tokens: seeded.validTokens, projectId: seeded.projectId, adminToken: seeded.adminToken });
  }
  const connections = Number(args.connections);
  const scenarios: Record<string, (side: Side) => Record<string, unknown>> = {
    'verify-valid': (side) => ({ url: side.url, method: 'POST', path: '/v1/keys/verify', mode: 'verify-body', connections, tokens: side.tokens, projectId: side.projectId }),
    'forward-auth': (side) => ({ url: side.url, method: 'GET', path: `/v1/authorize?projectId=${side.projectId}`, mode: 'api-key-header', connections, tokens: side.tokens }),
    // A new well-formed token every time: a look-up each, unless the store can say "no such key" first.
    'verify-random-flood': (side) => ({ url: side.url, method: 'POST', path: '/v1/keys/verify', mode: 'verify-random', prefix: 'bn', connections, tokens: [], projectId: side.projectId }),
    'key creation': (side) => ({
      url: side.url, method: 'POST', path: '/v1/keys', mode: 'fixed', connections: 20, tokens: [],
      headers: { authorization: `Bearer ${side.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ projectId: side.projectId, name: 'created in bench' }),
    }),
  };
  const chosen = args.scenarios?.split(',') ?? Object.keys(scenarios);
  for (const name of Object.keys(scenarios)) if (!chosen.includes(name)) delete scenarios[name];
  if (Object.keys(scenarios).length !== chosen.length) throw new Error(`--scenarios names one of ${chosen.join(', ')} that is not a scenario`);
  // Warm both: every key of the working set verified once (a timed warm-up reaches only part of
  // 100,000), then JIT, caches, the first connections.
  for (const side of sides) await drive({ url: side.url, method: 'POST', path: '/v1/keys/verify', mode: 'verify-body', connections, tokens: side.tokens, projectId: side.projectId, amount: side.tokens.length, duration: 0 });
  for (const side of sides) for (const job of Object.values(scenarios)) await drive({ ...job(side), duration: 2 });
  const runs: Record<string, Record<string, { rps: number; cpu: number }[]>> = {};
  for (let round = 0; round < Number(args.rounds); round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const [name, job] of Object.entries(scenarios)) {
      for (const side of order) {
        const cpuBefore = cpuMs(side.pid);
        const load = await drive({ ...job(side), duration: Number(args.duration) });
        if (load.non2xx + load.errors > 0) throw new Error(`${side.name} ${name}: ${load.non2xx + load.errors} failed`);
        ((runs[name] ??= {})[side.name] ??= []).push({ rps: load.requestsPerSecond, cpu: ((cpuMs(side.pid) - cpuBefore) * 1000) / Math.max(1, load.total) });
      }
    }
  }
  // A searched list page, one request at a time, each side in turn.
  const listTimes: Record<string, number[]> = { A: [], B: [] };
  for (let i = 0; i < 400; i++) {
    const side = sides[i % 2]!;
    const started = performance.now();
    const response = await fetch(`${side.url}/v1/keys?projectId=${side.projectId}&status=active&q=${encodeURIComponent(`number ${(i * 7919) % Number(args.keys)}`)}&limit=50`, { headers: { authorization: `Bearer ${side.adminToken}` } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`list answered ${response.status}`);
    listTimes[side.name]!.push(performance.now() - started);
  }
  const p95 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!;
  console.log(`\nA: ${positionals[0]}\nB: ${positionals[1]}\n${args.keys} keys (a working set of ${args['working-set']}), ${args.rounds} rounds of ${args.duration} s, turns alternating\n`);
  console.log('| scenario | A req/s | B req/s | B / A | A CPU µs/request | B CPU µs/request | B / A |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [name, bySide] of Object.entries(runs)) {
    const [a, b] = [bySide.A!, bySide.B!];
    const rps = [median(a.map((run) => run.rps)), median(b.map((run) => run.rps))] as const;
    const cpu = [median(a.map((run) => run.cpu)), median(b.map((run) => run.cpu))] as const;
    console.log(`| ${name} | ${Math.round(rps[0])} | ${Math.round(rps[1])} | ${(rps[1] / rps[0]).toFixed(3)} | ${cpu[0].toFixed(1)} | ${cpu[1].toFixed(1)} | ${(cpu[1] / cpu[0]).toFixed(3)} |`);
  }
  const lists = [p95(listTimes.A!), p95(listTimes.B!)] as const;
  console.log(`| searched list p95 (ms) | ${lists[0].toFixed(1)} | ${lists[1].toFixed(1)} | ${(lists[1] / lists[0]).toFixed(3)} | | | |`);
  const peaks = sides.map((side) => peakRssMb(side.pid));
  console.log(`| peak RSS (MB) | ${peaks[0]} | ${peaks[1]} | ${(peaks[1]! / peaks[0]!).toFixed(3)} | | | |`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((done) => setTimeout(done, 500));
  rmSync(dir, { recursive: true, force: true });
}
