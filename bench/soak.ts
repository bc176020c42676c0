import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startKeywardProcess, type KeywardProcess } from '../test/support/keyward-process.ts';
import { Inspector, rssMb } from './process-memory.ts';
import { MixedTraffic, OPERATIONS, type OperationSummary, type PoolKey, type SoakWorld } from './soak-traffic.ts';

// The soak: Keyward in a child process (as `npm start` runs it) under mixed traffic (see
// soak-traffic.ts) for a set time, with its memory measured. `npm run soak [-- --duration 600
// --warmup 30 --workers 16]`; `npm test` runs a short one (test/process/soak.test.ts).

export { OPERATIONS };

export type SoakOptions = {
  /** Seconds of measured traffic, after the warm-up. */
  durationSeconds: number;
  /** Seconds of traffic before measuring (JIT, caches and heap settle). */
  warmupSeconds: number;
  /** Concurrent clients, each with one request in flight at a time. */
  workers: number;
  /** Keys created before the run and kept alive during it (the verification working set). */
  poolSize: number;
  /** Progress lines (stderr by default). */
  log?: (line: string) => void;
};

export type SoakReport = {
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  byOperation: Record<(typeof OPERATIONS)[number], OperationSummary>;
  /** Unexpected statuses, unexpected verification codes and network errors. Must be 0. */
  errors: number;
  errorSamples: string[];
  /**
   * Memory after a full garbage collection (forced through the inspector, with traffic paused)
   * right after the warm-up and at the end: what the process keeps, not where V8's lazy
   * collection happens to be. `peakMb` is the highest RSS sampled while measuring.
   */
  rss: { baselineMb: number; endMb: number; peakMb: number; growthPercent: number; samples: number };
  heapUsed: { baselineMb: number; endMb: number; growthPercent: number };
  /** How the server ended when sent SIGTERM after the run (0 is a clean stop). */
  exitCode: number | null;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ADMIN = { username: 'soak-admin', password: 'soak-admin-password-0123' };

async function startKeyward(dir: string, log: (line: string) => void): Promise<KeywardProcess & { inspectorUrl: string }> {
  // --inspect on port 0 (loopback, a free port): the soak forces collections through it.
  const keyward = await startKeywardProcess(
    {
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(dir, 'keyward.db')}`,
      KEYWARD_SECRET: randomBytes(32).toString('base64url'),
      KEYWARD_ADMIN_USERNAME: ADMIN.username,
      KEYWARD_ADMIN_PASSWORD: ADMIN.password,
    },
    ['--inspect=127.0.0.1:0'],
    600,
  );
  const inspectorUrl = /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(keyward.output())?.[0];
  if (!inspectorUrl) throw new Error(`no inspector address in:\n${keyward.output()}`);
  log(`keyward started (pid ${keyward.child.pid})`);
  return { ...keyward, inspectorUrl };
}

/** Signs in as the first admin and makes the soak's project, groups, management key and pool of keys. */
async function seedWorld(url: string, poolSize: number): Promise<SoakWorld> {
  const login = await fetch(`${url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const session = { cookie: login.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown) => {
    const response = await fetch(url + path, { method: 'POST', headers: session, body: JSON.stringify(body) });
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as any;
  };
  const project = await post('/v1/projects', { name: 'Soak', keyPrefix: 'sk' });
  const group = await post('/v1/groups', { name: 'soak-callers', permissions: ['soak.call'] });
  const managers = await post('/v1/groups', { name: 'soak-managers', permissions: ['keys.read', 'keys.write', 'soak.call'] });
  const manager = await post('/v1/keys', { projectId: project.id, name: 'soak manager', groupIds: [managers.id] });
  const pool: PoolKey[] = [];
  for (let i = 0; i < poolSize; i++) {
    const issued = await post('/v1/keys', { projectId: project.id, name: `soak ${i}`, groupIds: [group.id] });
    pool.push({ id: issued.key.id, token: issued.token, retired: false });
  }
  return { url, projectId: project.id, groupId: group.id, management: { authorization: `Bearer ${manager.token}`, 'content-type': 'application/json' }, pool };
}

/** Runs the soak and reports; it never throws for errors seen under load (they are counted). */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? ((line: string) => console.error(line));
  const dir = mkdtempSync(join(tmpdir(), 'keyward-soak-'));
  let keyward: Awaited<ReturnType<typeof startKeyward>> | undefined;
  try {
    keyward = await startKeyward(dir, log);
    const { child } = keyward;
    const traffic = new MixedTraffic(await seedWorld(keyward.url, options.poolSize), options.workers);
    const inspector = await Inspector.connect(keyward.inspectorUrl);
    log(`seeded ${options.poolSize} keys; ${options.warmupSeconds} s warm-up, then ${options.durationSeconds} s measured, ${options.workers} workers`);
    /** Memory with the traffic held for a moment, after full collections. */
    const settledMemory = async () => {
      const resume = await traffic.pause();
      const memory = await inspector.settledMemory(child.pid!);
      resume();
      return memory;
    };

    traffic.start();
    await sleep(options.warmupSeconds * 1000);
    const baseline = await settledMemory();
    log(`warm-up done (settled RSS ${baseline.rssMb.toFixed(1)} MB, heap ${baseline.heapUsedMb.toFixed(1)} MB); measuring`);
    // RSS sampled twice a second while measuring, for the peak.
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMb(child.pid!)), 500);
    traffic.measuring = true;
    const measuredFrom = performance.now();
    await sleep(options.durationSeconds * 1000);
    traffic.measuring = false;
    const measuredSeconds = (performance.now() - measuredFrom) / 1000;
    clearInterval(sampler);
    await traffic.stop();
    const end = await inspector.settledMemory(child.pid!);
    inspector.close();

    child.kill('SIGTERM');
    const exitCode = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
    const { byOperation, requests, errors, errorSamples } = traffic.summary();
    const growth = (from: number, to: number) => round(((to - from) / from) * 100);
    return {
      durationSeconds: round(measuredSeconds),
      requests,
      requestsPerSecond: Math.round(requests / measuredSeconds),
      byOperation,
      errors,
      errorSamples,
      rss: { baselineMb: round(baseline.rssMb), endMb: round(end.rssMb), peakMb: round(Math.max(...samples)), growthPercent: growth(baseline.rssMb, end.rssMb), samples: samples.length },
      heapUsed: { baselineMb: round(baseline.heapUsedMb), endMb: round(end.heapUsedMb), growthPercent: growth(baseline.heapUsedMb, end.heapUsedMb) },
      exitCode,
    };
  } finally {
    if (keyward && keyward.child.exitCode === null && keyward.child.signalCode === null) keyward.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

const signed = (value: number) => `${value >= 0 ? '+' : ''}${value}`;

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The report as a person reads it. */
export function formatReport(report: SoakReport): string {
  const lines = [
    `Keyward soak: ${report.durationSeconds} s measured, ${report.requests} requests, ${report.requestsPerSecond} requests/s, ${report.errors} errors`,
    '',
    '| operation | requests | errors | p50 ms | p99 ms |',
    '|---|---:|---:|---:|---:|',
    ...OPERATIONS.map((op) => `| ${op} | ${report.byOperation[op].count} | ${report.byOperation[op].errors} | ${report.byOperation[op].p50Ms} | ${report.byOperation[op].p99Ms} |`),
    '',
    `RSS after full GC: ${report.rss.baselineMb} MB after warm-up → ${report.rss.endMb} MB at the end (${signed(report.rss.growthPercent)}%); peak ${report.rss.peakMb} MB while measuring`,
    `V8 heap in use after full GC: ${report.heapUsed.baselineMb} MB → ${report.heapUsed.endMb} MB (${signed(report.heapUsed.growthPercent)}%)`,
    `stopped with SIGTERM: exit code ${report.exitCode}`,
  ];
  if (report.errorSamples.length > 0) lines.push('', 'errors:', ...report.errorSamples.map((sample) => `  ${sample}`));
  return lines.join('\n');
}

/** The soak passes with no error, memory within `maxGrowthPercent` of its post-warm-up level, and a clean stop. */
export function soakPassed(report: SoakReport, maxGrowthPercent = 10): boolean {
  return report.errors === 0 && report.rss.growthPercent < maxGrowthPercent && report.exitCode === 0 && report.requests > 0;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '60' },
      warmup: { type: 'string', default: '10' },
      workers: { type: 'string', default: '16' },
      pool: { type: 'string', default: '500' },
      'max-rss-growth': { type: 'string', default: '10' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('npm run soak -- [--duration s=60] [--warmup s=10] [--workers n=16] [--pool keys=500] [--max-rss-growth %=10] [--json]');
    process.exit(0);
  }
  const report = await runSoak({
    durationSeconds: Number(values.duration),
    warmupSeconds: Number(values.warmup),
    workers: Number(values.workers),
    poolSize: Number(values.pool),
  });
  console.log(values.json ? JSON.stringify(report) : formatReport(report));
  process.exit(soakPassed(report, Number(values['max-rss-growth'])) ? 0 : 1);
}
