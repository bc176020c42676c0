import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from './processes.ts';

// `npm run bench:sign-in [-- --flood 100 --rounds 3 --redis-url redis://127.0.0.1:6379]`: a real
// Keyward (its own process, the production password cost) flooded with wrong passwords from one
// address while a real user signs in from another; prints the real user's sign-in latency
// against the 2-second target (issue #15). Each round floods from a new loopback address, since
// an address's allowance is spent by the first flood. This machine's speed swings with what else
// runs on it (a lone scrypt took 0.36 s idle and 1.4 s busy), so each round is bracketed by a
// quiet sign-in before and after it, and the flood's cost is also shown as a ratio to them.
const { values: args } = parseArgs({
  options: {
    flood: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
    'redis-url': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log('npm run bench:sign-in -- [--flood n=100 concurrent wrong passwords] [--rounds n=3] [--redis-url URL: count attempts in Redis]');
  process.exit(0);
}
const floodSize = Number(args.flood);
const rounds = Number(args.rounds);
const TARGET_MS = 2000;
const REAL_USER_ADDRESS = '127.0.0.3';
const ADMIN = { username: 'admin', password: 'bench-admin-password-0123' };

type Answer = { status: number; ms: number };

/** POST /v1/auth/login from a chosen loopback address, on its own connection. */
function signIn(url: string, from: string, body: { username: string; password: string }): Promise<Answer> {
  const payload = JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request(`${url}/v1/auth/login`, {
      method: 'POST',
      localAddress: from,
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

async function metric(url: string, sample: string): Promise<string> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text.split('\n').find((line) => line.startsWith(`${sample} `))?.slice(sample.length + 1) ?? 'absent';
}

const tally = (answers: Answer[]) => {
  const counts = new Map<number, number>();
  for (const answer of answers) counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a - b).map(([status, count]) => `${count} × ${status}`).join(', ');
};

const dir = mkdtempSync(join(tmpdir(), 'keyward-bench-sign-in-'));
let keyward: ChildProcess | undefined;
try {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // server.ts hashes with DEFAULT_PASSWORD_COST (scrypt N=2^17): the cost that made the flood hurt.
  keyward = spawn(process.execPath, [join(import.meta.dirname, '..', 'src/server.ts')], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      DATABASE_URL: `file:${join(dir, 'keyward.db')}`,
      KEYWARD_SECRET: randomBytes(32).toString('base64url'),
      KEYWARD_ADMIN_USERNAME: ADMIN.username,
      KEYWARD_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      ...(args['redis-url'] ? { REDIS_URL: args['redis-url'], KEYWARD_REDIS_PREFIX: `keyward-bench-${randomBytes(4).toString('hex')}:` } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`${url}/healthz`);

  const quietSignIn = async () => {
    const answer = await signIn(url, REAL_USER_ADDRESS, ADMIN);
    if (answer.status !== 200) throw new Error(`sign-in without a flood answered ${answer.status}`);
    return answer.ms;
  };
  // The first sign-ins of a fresh process are slower (JIT, first scrypt allocations).
  const warmUp = [await quietSignIn(), await quietSignIn()];

  console.log(`\nSign-in during a flood: ${floodSize} concurrent wrong passwords from one address, the real user at another, production password cost, attempts counted ${args['redis-url'] ? 'in Redis' : 'in memory'}\n`);
  console.log(`warm-up sign-ins: ${warmUp.map((ms) => ms.toFixed(0)).join(', ')} ms\n`);
  console.log('| round | flood answers | flood took ms | quiet sign-in before, ms | sign-ins during the flood, ms | quiet after, ms | worst during / quiet | worst | target |');
  console.log('|---:|---|---:|---:|---|---:|---:|---:|---|');
  let worstOverall = 0;
  let previousQuiet = await quietSignIn();
  for (let round = 1; round <= rounds; round++) {
    const attacker = `127.0.1.${round}`;
    const floodStarted = performance.now();
    let floodDone = false;
    const flood = Promise.all(
      Array.from({ length: floodSize }, (_, i) => signIn(url, attacker, { username: `sprayed-${round}-${i}`, password: 'Password123!' })),
    ).finally(() => (floodDone = true));
    // The real user signs in as soon as the flood is on the wire, and again until it is over.
    const during: Answer[] = [];
    do {
      const answer = await signIn(url, REAL_USER_ADDRESS, ADMIN);
      if (answer.status !== 200) throw new Error(`the real user's sign-in answered ${answer.status} during the flood`);
      during.push(answer);
    } while (!floodDone);
    const answers = await flood;
    const floodMs = performance.now() - floodStarted;
    const worst = Math.max(...during.map((answer) => answer.ms));
    worstOverall = Math.max(worstOverall, worst);
    const quietAfter = await quietSignIn();
    const ratio = worst / ((previousQuiet + quietAfter) / 2);
    console.log(`| ${round} | ${tally(answers)} | ${floodMs.toFixed(0)} | ${previousQuiet.toFixed(0)} | ${during.map((answer) => answer.ms.toFixed(0)).join(', ')} | ${quietAfter.toFixed(0)} | ${ratio.toFixed(2)} | ${worst.toFixed(0)} | ${worst < TARGET_MS ? 'met' : 'MISSED'} (< ${TARGET_MS} ms) |`);
    previousQuiet = quietAfter;
  }
  console.log(`\npassword checks at once, most ever: ${await metric(url, 'keyward_password_checks_in_flight_peak{scope="all"}')} overall, ${await metric(url, 'keyward_password_checks_in_flight_peak{scope="client"}')} for one address; refused by the gate: ${await metric(url, 'keyward_password_checks_refused_total')}`);
  console.log(`worst real-user sign-in during a flood: ${worstOverall.toFixed(0)} ms (target < ${TARGET_MS} ms: ${worstOverall < TARGET_MS ? 'met' : 'MISSED'})`);
  if (worstOverall >= TARGET_MS) process.exitCode = 1;
} finally {
  if (keyward && keyward.exitCode === null) {
    const exited = new Promise((resolve) => keyward!.once('exit', resolve));
    keyward.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
}
