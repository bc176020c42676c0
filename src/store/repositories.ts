import { AuditRepository } from './audit-events.ts';
import type { Db } from './database.ts';
import type { Dialect } from './dialect.ts';
import { ExpiryNoticeRepository } from './expiry-notices.ts';
import { GroupRepository } from './groups.ts';
import { IdentityRepository } from './identities.ts';
import { KeySecretRepository } from './key-secrets.ts';
import { KeyVerificationRepository } from './key-verifications.ts';
import type { HashSieve } from './key-hash-filter.ts';
import type { LastUseOverlay } from './last-use-overlay.ts';
import { KeyRepository } from './keys.ts';
import { PortalSessionRepository } from './portal-sessions.ts';
import { ProjectRepository } from './projects.ts';
import { QuotaCounterRepository } from './quota-counters.ts';
import { SessionRepository } from './sessions.ts';
import { UsageRepository } from './usage-counts.ts';
import { UserRepository } from './users.ts';
import { DeliveryRepository } from './webhook-deliveries.ts';
import { WebhookRepository } from './webhooks.ts';

/** One repository per aggregate, all running their statements on the same executor. */
export type Repositories = {
  readonly keys: KeyRepository;
  readonly secrets: KeySecretRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly groups: GroupRepository;
  readonly projects: ProjectRepository;
  readonly audit: AuditRepository;
  readonly usage: UsageRepository;
  readonly verifications: KeyVerificationRepository;
  readonly webhooks: WebhookRepository;
  readonly deliveries: DeliveryRepository;
  readonly notices: ExpiryNoticeRepository;
  readonly identities: IdentityRepository;
  /** Keys' quota counters. */
  readonly keyQuotas: QuotaCounterRepository;
  /** Identities' quota counters, shared by their keys. */
  readonly identityQuotas: QuotaCounterRepository;
  readonly portal: PortalSessionRepository;
};

/**
 * The repositories over `db`: the pool (reads, and statements that stand alone) or one write's
 * transaction (`Store.write` hands its work a set bound to it). `hashes`: the embedded store's
 * filter of stored token hashes, which the key look-up asks first; `lastUses`: key uses not yet
 * written, which key views show.
 *
 * @example const tx = repositoriesOf(trx, store.dialect); await tx.keys.find(id)
 */
export function repositoriesOf(db: Db, dialect: Dialect, keys: { hashes?: HashSieve; lastUses?: LastUseOverlay } = {}): Repositories {
  return {
    keys: new KeyRepository(db, dialect, keys),
    secrets: new KeySecretRepository(db, dialect),
    users: new UserRepository(db, dialect),
    sessions: new SessionRepository(db, dialect),
    groups: new GroupRepository(db, dialect),
    projects: new ProjectRepository(db, dialect),
    audit: new AuditRepository(db, dialect),
    usage: new UsageRepository(db, dialect),
    verifications: new KeyVerificationRepository(db, dialect),
    webhooks: new WebhookRepository(db, dialect),
    deliveries: new DeliveryRepository(db, dialect),
    notices: new ExpiryNoticeRepository(db, dialect),
    identities: new IdentityRepository(db, dialect),
    keyQuotas: new QuotaCounterRepository(db, dialect, 'keys'),
    identityQuotas: new QuotaCounterRepository(db, dialect, 'identities'),
    portal: new PortalSessionRepository(db, dialect),
  };
}
