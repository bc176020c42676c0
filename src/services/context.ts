import type { Db, StoreDialect, WriteTransaction } from '../store/database.ts';
import type { UsageLimiter } from './usage-limits.ts';
import type { UsageAnalytics } from './usage-analytics.ts';
import type { KeyCache } from './key-cache.ts';
import type { UsageRecorder } from './usage-recorder.ts';

/** What every service needs: built once per app by `createServices`. */
export type ServiceContext = {
  db: Db;
  dialect: StoreDialect;
  /** Runs a unit of work in a transaction (group-committed on SQLite). */
  write: WriteTransaction;
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
  /** scrypt cost for new password hashes. */
  passwordCost: number;
  /** KEYWARD_WEBHOOK_ALLOW_PRIVATE: webhooks may target loopback and private addresses. */
  allowPrivateWebhooks: boolean;
};
