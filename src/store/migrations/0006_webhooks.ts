import { sql, type Kysely } from 'kysely';

/**
 * Webhooks and their outbox. A change to a key writes one `webhook_deliveries` row per
 * subscribed webhook in its own transaction, so an event exists exactly when its change does;
 * a dispatcher on any node claims due rows with a lease and sends them. `key_expiry_notices`
 * makes each expiry notice happen once per key and expiry time, however many nodes scan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    // Null: events of every project. A project's webhooks go when the project goes.
    .addColumn('project_id', 'varchar(40)', (c) => c.references('projects.id').onDelete('cascade'))
    .addColumn('url', 'varchar(2048)', (c) => c.notNull())
    /** JSON array of event types. */
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('description', 'varchar(1000)', (c) => c.notNull())
    // The signing secret is derived from KEYWARD_SECRET and this salt; never stored itself.
    .addColumn('secret_salt', 'varchar(64)', (c) => c.notNull())
    .addColumn('secret_check', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(40)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('webhook_id', 'varchar(40)', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('event_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('event_type', 'varchar(40)', (c) => c.notNull())
    /** The exact JSON body that is signed and sent. */
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'varchar(30)')
    // The lease: a node that claims a delivery owns it until lease_until, so two nodes never
    // send it at once; a node that dies mid-send leaves it to be claimed again after that.
    .addColumn('lease_token', 'varchar(40)')
    .addColumn('lease_until', 'varchar(30)')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'varchar(500)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('delivered_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_deliveries_webhook').on('webhook_deliveries').columns(['webhook_id', 'id']).execute();
  await db.schema.createIndex('webhook_deliveries_created').on('webhook_deliveries').column('created_at').execute();

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('delivery_id', 'varchar(40)', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('error', 'varchar(500)')
    /** The first few hundred characters of the answer, for a person debugging a receiver. */
    .addColumn('response_excerpt', 'varchar(1000)')
    .addPrimaryKeyConstraint('webhook_attempts_pk', ['delivery_id', 'attempt'])
    .execute();

  await db.schema
    .createTable('key_expiry_notices')
    .addColumn('key_id', 'varchar(40)', (c) => c.notNull().references('keys.id').onDelete('cascade'))
    .addColumn('notice', 'varchar(10)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('key_expiry_notices_pk', ['key_id', 'notice', 'expires_at'])
    .execute();
  // The expiry scan reads keys by expiry time; only keys that expire are in this index.
  await sql`CREATE INDEX keys_expires_at ON keys (expires_at) WHERE expires_at IS NOT NULL`.execute(db);
}
