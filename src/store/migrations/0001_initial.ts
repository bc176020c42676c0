import type { Kysely } from 'kysely';

/** The first schema: every table of the core, written in SQL both SQLite and PostgreSQL accept. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('key_prefix', 'varchar(12)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('password_hash', 'varchar(200)')
    .addColumn('role', 'varchar(10)', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('groups')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('description', 'varchar(1000)', (c) => c.notNull())
    .addColumn('permissions', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_groups')
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('group_id', 'varchar(40)', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('user_groups_pk', ['user_id', 'group_id'])
    .execute();
  await db.schema.createIndex('user_groups_group').on('user_groups').column('group_id').execute();

  await db.schema
    .createTable('keys')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('projects.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'varchar(1000)', (c) => c.notNull())
    .addColumn('token_start', 'varchar(20)', (c) => c.notNull())
    .addColumn('token_end', 'varchar(8)', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('owner_id', 'varchar(40)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by', 'varchar(40)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('expires_at', 'varchar(30)')
    .addColumn('last_used_at', 'varchar(30)')
    .addColumn('ip_allowlist', 'text', (c) => c.notNull())
    .addColumn('meta', 'text', (c) => c.notNull())
    .addColumn('ratelimit', 'text')
    .addColumn('remaining', 'bigint')
    .addColumn('refill', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  // Lists are read newest first by id (ids sort by creation time), filtered by these columns.
  await db.schema.createIndex('keys_project').on('keys').columns(['project_id', 'id']).execute();
  await db.schema.createIndex('keys_owner').on('keys').columns(['owner_id', 'id']).execute();
  await db.schema.createIndex('keys_created_by').on('keys').columns(['created_by', 'id']).execute();

  await db.schema
    .createTable('key_groups')
    .addColumn('key_id', 'varchar(40)', (c) => c.notNull().references('keys.id').onDelete('cascade'))
    .addColumn('group_id', 'varchar(40)', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('key_groups_pk', ['key_id', 'group_id'])
    .execute();
  await db.schema.createIndex('key_groups_group').on('key_groups').column('group_id').execute();

  await db.schema
    .createTable('key_secrets')
    .addColumn('hash', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('key_id', 'varchar(40)', (c) => c.notNull().references('keys.id').onDelete('cascade'))
    .addColumn('algorithm', 'varchar(20)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('key_secrets_key').on('key_secrets').column('key_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor_type', 'varchar(10)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(40)')
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('action', 'varchar(50)', (c) => c.notNull())
    .addColumn('target_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('target_id', 'varchar(40)')
    .addColumn('key_id', 'varchar(40)')
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_actor').on('audit_events').columns(['actor_id', 'id']).execute();
  await db.schema.createIndex('audit_key').on('audit_events').columns(['key_id', 'id']).execute();
  await db.schema.createIndex('audit_action').on('audit_events').columns(['action', 'id']).execute();
}
