import type { Kysely } from 'kysely';

/**
 * When a key's quota was last refilled (ISO-8601), so a refill happens once per day or month
 * whichever node serves the key. Null means "not since the refill was set".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('keys').addColumn('last_refill_at', 'varchar(30)').execute();
}
