import type { Kysely } from 'kysely';

/**
 * Self-service portal sessions: a single-use link (kept as the SHA-256 of its secret) that, on
 * first use, becomes a session (its cookie's SHA-256) scoped to one identity in one project.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('portal_sessions')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('link_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('session_hash', 'varchar(64)', (c) => c.unique())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('identity_id', 'varchar(40)', (c) => c.notNull().references('identities.id').onDelete('cascade'))
    /** JSON array of the group ids keys made in the portal may have. */
    .addColumn('group_ids', 'text', (c) => c.notNull())
    .addColumn('return_url', 'varchar(2048)')
    .addColumn('ttl_seconds', 'integer', (c) => c.notNull())
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('link_expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(30)')
    .addColumn('session_expires_at', 'varchar(30)')
    .addColumn('created_by', 'varchar(40)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
}
