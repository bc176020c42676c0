// SQLite's extended result codes for a broken UNIQUE or PRIMARY KEY constraint, and
// PostgreSQL's SQLSTATE for the same: the stable parts of the error, never its message.
const SQLITE_CONSTRAINT_UNIQUE = 2067;
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const POSTGRES_UNIQUE_VIOLATION = '23505';

/** Whether a database error says a row with the same unique value already exists. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { errcode, code } = error as { errcode?: unknown; code?: unknown };
  return errcode === SQLITE_CONSTRAINT_UNIQUE || errcode === SQLITE_CONSTRAINT_PRIMARYKEY || code === POSTGRES_UNIQUE_VIOLATION;
}

/**
 * Awaits `work`, turning a broken unique constraint into `conflict()`. Services check "is this
 * name free?" before writing; two requests can pass that check together, and the database's
 * constraint is what stops the second. Its answer should be the same 409 as the check's.
 *
 * @example await whenUnique(trx.insertInto('users').values(row).execute(), () => problems.conflict('taken'))
 */
export async function whenUnique<T>(work: Promise<T>, conflict: () => Error): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}
