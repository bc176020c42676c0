import { grantsCover, missingPermissions } from '../domain/permissions.ts';
import { ProblemError } from '../domain/problem-error.ts';

/** Who is calling the management API, and what they may do right now. */
export type Actor = {
  type: 'user' | 'key';
  userId: string;
  username: string;
  role: 'admin' | 'member';
  /** Set when the caller is a management key. */
  keyId?: string;
  /** Effective grants: for a key, what both the key and the person behind it hold. */
  grants: string[];
};

/** The actor recorded for changes Keyward makes by itself (first admin, expiry sweeps). */
export const SYSTEM_ACTOR: Actor = {
  type: 'user',
  userId: 'system',
  username: 'system',
  role: 'admin',
  grants: ['*'],
};

/** Throws 403 FORBIDDEN naming what is missing unless the actor holds every permission. */
export function requireGrants(actor: Actor, required: readonly string[], doing: string): void {
  const missing = missingPermissions(actor.grants, required);
  if (missing.length > 0) {
    throw new ProblemError(403, 'FORBIDDEN', `${doing} needs ${missing.join(', ')}, which you do not hold.`);
  }
}

/** Admins see every key; members only keys they own or created. */
export function seesAllKeys(actor: Actor): boolean {
  return actor.role === 'admin';
}

/** Whether the actor may give someone the admin role (it carries every permission). */
export function mayGrantAdmin(actor: Actor): boolean {
  return grantsCover(actor.grants, '*');
}
