// Node's socket errors and PostgreSQL's SQLSTATE classes 08 (connection exception) and 57P
// (operator intervention: shutdown, cannot connect now): the database is out of reach, which
// is a 503 for the caller, not a bug.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/** Whether an error means "the database cannot be reached right now". */
export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('08') || code.startsWith('57P'))) return true;
  // pg's pool and client raise these without a code.
  return typeof message === 'string' && /^(timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error)/.test(message);
}
