import { sql, type Kysely } from 'kysely';

/**
 * Identities (your customers, not console users) and named rate limits. Keys may point at an
 * identity, sharing its limits and quota and carrying its metadata into every verification.
 * A key's single `ratelimit` becomes its limit named `default` in `ratelimits`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('identities')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('external_id', 'varchar(255)', (c) => c.notNull().unique())
    /** JSON object, returned with every verification of its keys. */
    .addColumn('meta', 'text', (c) => c.notNull())
    /** JSON array of named limits `{name, limit, durationMs, autoApply}`. */
    .addColumn('ratelimits', 'text', (c) => c.notNull())
    .addColumn('remaining', 'bigint')
    /** JSON `{amount, interval}` or null. */
    .addColumn('refill', 'text')
    .addColumn('last_refill_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  // An identity with keys is deleted only with them (the service deletes them first).
  await db.schema.alterTable('keys').addColumn('identity_id', 'varchar(40)', (c) => c.references('identities.id')).execute();
  await db.schema.createIndex('keys_identity').on('keys').column('identity_id').where(sql.ref('identity_id'), 'is not', null).execute();
  await db.schema.alterTable('keys').addColumn('ratelimits', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  // The old single limit, as the limit named default applied to every verification. Read and
  // written in JavaScript: the two engines spell JSON functions differently.
  const limited = await sql<{ id: string; ratelimit: string }>`SELECT id, ratelimit FROM keys WHERE ratelimit IS NOT NULL`.execute(db);
  for (const row of limited.rows) {
    const { limit, windowMs } = JSON.parse(row.ratelimit) as { limit: number; windowMs: number };
    const ratelimits = JSON.stringify([{ name: 'default', limit, durationMs: windowMs, autoApply: true }]);
    await sql`UPDATE keys SET ratelimits = ${ratelimits} WHERE id = ${row.id}`.execute(db);
  }
  await db.schema.alterTable('keys').dropColumn('ratelimit').execute();
}
