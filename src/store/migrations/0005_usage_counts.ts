import type { Kysely } from 'kysely';

/**
 * Verification counts per key, outcome and time bucket (minutes for the last day, hours for 90
 * days), and per tag by the hour. Written in batches from memory, never on the request path.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('usage_counts')
    .addColumn('key_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('granularity', 'varchar(10)', (c) => c.notNull())
    .addColumn('bucket_start', 'varchar(30)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(30)', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_counts_pk', ['key_id', 'granularity', 'bucket_start', 'outcome'])
    .execute();
  await db.schema.createIndex('usage_counts_time').on('usage_counts').columns(['granularity', 'bucket_start']).execute();
  await db.schema
    .createTable('usage_tag_counts')
    .addColumn('key_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('bucket_start', 'varchar(30)', (c) => c.notNull())
    .addColumn('tag', 'varchar(64)', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_tag_counts_pk', ['key_id', 'bucket_start', 'tag'])
    .execute();
}
