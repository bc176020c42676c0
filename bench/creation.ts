import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuMs, drive, freePort, postgresDatabase, waitFor } from './processes.ts';
import { seed } from './seed.ts';

// `npm run bench:creation [-- --store postgres]`: key creation through the API alone (the full
// bench measures it last, after minutes of verification), in rounds, with what each creation
// costs: server CPU, and database statements (each a round trip, BEGIN and COMMIT included).
const { values: args } = parseArgs({
  options: {
    store: { type: 'string', default: 'postgres' },
    'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '20' },
    'cpu-prof': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log('npm run bench:creation -- [--store sqlite|postgres=postgres] [--postgres-url URL] [--duration s=5] [--rounds n=3]\n' +
    '                              [--connections n=20] [--cpu-prof DIR: the server writes a V8 CPU profile there]');
  process.exit(0);
}
const duration = Number(args.duration);
const dir = mkdtempSync(join(tmpdir(), 'keyward-creation-'));
const secret = randomBytes(32).toString('base64url');
const postgres = args.store === 'postgres' ? await postgresDatabase(args['postgres-url']!) : undefined;
let server: ChildProcess | undefined;
try {
  const databaseUrl = postgres?.url ?? `file:${join(dir, 'keyward.db')}`;
  const seeded = await seed(databaseUrl, Buffer.from(secret), 1000, { workingSet: 10 });
  const port = await freePort();
  server = spawn(process.execPath, [...(args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : []), join(import.meta.dirname, '../src/server.ts')], {
    env: { PATH: process.env.PATH, PORT: String(port), DATABASE_URL: databaseUrl, KEYWARD_SECRET: secret, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz`);
  const statements = async () => Number(/^keyward_database_statements_total (\d+)/m.exec(await (await fetch(`${url}/metrics`)).text())?.[1] ?? 0);
  const job = {
    url, connections: Number(args.connections), method: 'POST', path: '/v1/keys', mode: 'fixed', tokens: [],
    headers: { authorization: `Bearer ${seeded.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ projectId: seeded.projectId, name: 'created in bench' }),
  };
  await drive({ ...job, duration: 3 });
  for (let round = 1; round <= Number(args.rounds); round++) {
    const before = { cpu: cpuMs(server.pid!), statements: await statements() };
    const load = await drive({ ...job, duration });
    const after = { cpu: cpuMs(server.pid!), statements: await statements() };
    if (load.non2xx + load.errors > 0) throw new Error(`${load.non2xx + load.errors} creations failed`);
    const per = (value: number) => value / Math.max(1, load.total);
    // Every statement is a round trip to the database, BEGIN and COMMIT too (the metrics read
    // between runs adds one, which thousands of creations do not feel).
    const statementsEach = per(after.statements - before.statements - 1);
    console.log(`round ${round}: ${Math.round(load.requestsPerSecond)} creations/s, p99 ${load.p99} ms, server CPU ${(per(after.cpu - before.cpu) * 1000).toFixed(0)} µs, ` +
      `${statementsEach.toFixed(2)} database statements (round trips) per creation`);
  }
} finally {
  server?.kill('SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await postgres?.drop();
  rmSync(dir, { recursive: true, force: true });
}
