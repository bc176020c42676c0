import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { verifyKey } from '../src/services/verification.ts';
import { seed } from './seed.ts';

/**
 * Memory per key held in the verification cache: the heap after verifying N distinct keys once
 * (each then cached), against the heap before, both after a full collection, with everything
 * verification keeps beside the cache (usage counts, recent verifications) written out first.
 * Run with --expose-gc (bench/run.ts does).
 */
const { values: args } = parseArgs({ options: { keys: { type: 'string', default: '50000' } } });
const count = Number(args.keys);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const dir = mkdtempSync(join(tmpdir(), 'keyward-cache-memory-'));
const secret = randomBytes(32).toString('base64url');
const databaseUrl = `file:${join(dir, 'keyward.db')}`;
try {
  const seeded = await seed(databaseUrl, Buffer.from(secret), count + 1, { workingSet: count });
  const app = await buildApp({ config: loadConfig({ DATABASE_URL: databaseUrl, KEYWARD_SECRET: secret, LOG_LEVEL: 'silent', KEYWARD_KEY_CACHE_SIZE: String(count * 2) }), secret: Buffer.from(secret) });
  const ctx = app.services;
  const settle = async () => {
    await Promise.all([ctx.usage.flush(), ctx.analytics.flush(), ctx.verifications.flush()]);
    for (let i = 0; i < 3; i++) gc();
    return process.memoryUsage().heapUsed;
  };
  // One key first, so code paths and statements are compiled before the baseline.
  await verifyKey(ctx, { key: seeded.adminToken, permissions: [] });
  const before = await settle();
  const tokens = seeded.validTokens;
  for (const token of tokens) {
    const result = await verifyKey(ctx, { key: token, permissions: [] });
    if (result.code !== 'VALID') throw new Error(`expected VALID, got ${result.code}`);
  }
  const after = await settle();
  const cached = ctx.cache.size;
  console.log(`\nmemory per cached key: ${Math.round((after - before) / tokens.length)} bytes (heap after verifying ${tokens.length.toLocaleString('en')} distinct keys once, ${cached.toLocaleString('en')} cached)`);
  await app.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
