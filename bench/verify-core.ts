import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { parsePermissionRequirement } from '../src/domain/permission-query.ts';
import { verifyKey, type VerifyInput } from '../src/services/verification.ts';
import { seed } from './seed.ts';

/**
 * Verification itself, in process, without HTTP: nanoseconds per `verifyKey` call for keys
 * with plain grants, asked for nothing, for a plain list, and for a query. The modes take turns
 * in every round, so a machine whose speed drifts affects them alike; the medians are compared.
 * It shows what the wildcard- and query-aware evaluator costs a key that uses neither.
 */
const { values: args } = parseArgs({ options: { keys: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '9' }, calls: { type: 'string', default: '20000' } } });
const dir = mkdtempSync(join(tmpdir(), 'keyward-verify-core-'));
const secret = randomBytes(32).toString('base64url');
const databaseUrl = `file:${join(dir, 'keyward.db')}`;
try {
  const seeded = await seed(databaseUrl, Buffer.from(secret), Number(args.keys));
  const app = await buildApp({ config: loadConfig({ DATABASE_URL: databaseUrl, KEYWARD_SECRET: secret, LOG_LEVEL: 'silent' }), secret: Buffer.from(secret) });
  const query = parsePermissionRequirement(['orders.read AND (refunds.create OR refunds.admin)']);
  if (!query.ok) throw new Error('the query does not parse');
  const modes: Record<string, Omit<VerifyInput, 'key'>> = {
    'no permission asked': { projectId: seeded.projectId, permissions: [] },
    'a plain list (2 names)': { projectId: seeded.projectId, permissions: ['orders.read', 'refunds.create'] },
    'a query (AND, OR)': { projectId: seeded.projectId, permissions: query.requirement.all, query: query.requirement.query },
  };
  const tokens = seeded.validTokens;
  const calls = Number(args.calls);
  const run = async (mode: Omit<VerifyInput, 'key'>) => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) {
      const result = await verifyKey(app.services, { ...mode, key: tokens[i % tokens.length]! });
      if (result.code !== 'VALID') throw new Error(`expected VALID, got ${result.code}`);
    }
    return Number(process.hrtime.bigint() - started) / calls;
  };
  const times: Record<string, number[]> = {};
  for (const mode of Object.values(modes)) await run(mode); // warm-up: JIT and cache fills
  for (let round = 0; round < Number(args.rounds); round++) {
    for (const [name, mode] of Object.entries(modes)) (times[name] ??= []).push(await run(mode));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const base = median(times['no permission asked']!);
  console.log(`\nverifyKey in process (${Number(args.keys).toLocaleString('en')} keys with plain grants, ${tokens.length} tokens, median of ${args.rounds} rounds of ${calls.toLocaleString('en')} calls)\n`);
  console.log('| asked for | ns per call | vs nothing asked |');
  console.log('|---|---:|---:|');
  for (const name of Object.keys(modes)) console.log(`| ${name} | ${Math.round(median(times[name]!))} | ${(median(times[name]!) / base).toFixed(3)} |`);
  await app.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
