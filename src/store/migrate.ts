import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.ts';
import type { Dialect } from './dialect.ts';
import * as initial from './migrations/0001_initial.ts';
import { keySearch } from './migrations/0002_key_search.ts';
import * as importedSecrets from './migrations/0003_imported_secrets.ts';
import * as quotaRefill from './migrations/0004_quota_refill.ts';
import * as usageCounts from './migrations/0005_usage_counts.ts';
import * as webhooks from './migrations/0006_webhooks.ts';
import { keyVerifications } from './migrations/0007_key_verifications.ts';
import * as identities from './migrations/0008_identities.ts';
import * as portal from './migrations/0009_portal.ts';

// Migrations are listed here, not discovered on disk, so they ship with the code that needs them.
function migrations(dialect: Dialect['name']): Record<string, Migration> {
  return {
    '0001_initial': initial,
    '0002_key_search': keySearch(dialect),
    '0003_imported_secrets': importedSecrets,
    '0004_quota_refill': quotaRefill,
    '0005_usage_counts': usageCounts,
    '0006_webhooks': webhooks,
    '0007_key_verifications': keyVerifications(dialect),
    '0008_identities': identities,
    '0009_portal': portal,
  };
}

/**
 * Every migration this build knows, oldest first: a database holding one not listed was made by
 * a newer Keyward (`keyward restore` refuses it).
 */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations('sqlite'));

/** Brings the schema up to date; safe to run on every start and from several nodes at once. */
export async function migrateToLatest(db: Db, dialect: Dialect): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect.name) };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
