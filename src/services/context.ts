import type { Repositories } from '../store/repositories.ts';
import type { Write } from '../store/store.ts';
import type { WriteBatch } from '../store/write-batch.ts';
import type { UsageLimiter } from '../runtime/usage/usage-limits.ts';
import type { UsageAnalytics } from '../runtime/usage/usage-analytics.ts';
import type { KeyCache } from '../runtime/cache/key-cache.ts';
import type { UsageRecorder } from '../runtime/usage/usage-recorder.ts';
import type { VerificationLog } from '../runtime/usage/verification-log.ts';

/** What every service needs: built once per app by `createServices`. */
export type ServiceContext = {
  /** The repositories on the pool: reads, and statements that stand alone. */
  store: Repositories;
  /** Runs a unit of work in one transaction, with repositories bound to it (group-committed on SQLite). */
  write: Write;
  /** Runs several inserting works in one transaction, each settled on its own (key creations). */
  writeBatch: WriteBatch;
  /** The server secret that keys token hashes. */
  secret: Buffer;
  /** Names a token in the key cache (see `tokenDigester`). */
  tokenDigest: (token: string) => string;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  clock: () => number;
  cache: KeyCache;
  usage: UsageRecorder;
  /** Per-key rate limits and quotas. */
  limits: UsageLimiter;
  /** Verification counts per key and outcome, written behind. */
  analytics: UsageAnalytics;
  /** Each key's recent verifications, written behind. */
  verifications: VerificationLog;
  /** scrypt cost for new password hashes. */
  passwordCost: number;
  /** KEYWARD_WEBHOOK_ALLOW_PRIVATE: webhooks may target loopback and private addresses. */
  allowPrivateWebhooks: boolean;
};

type LogFn = { (message: string): void; (object: object, message: string): void };

/** Where services report what goes wrong in the background (pino's shape: Fastify's logger fits). */
export type ServiceLog = { debug: LogFn; info: LogFn; warn: LogFn; error: LogFn };
