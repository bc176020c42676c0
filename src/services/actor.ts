import { authorize, type Actor, type ManagementAction } from '../domain/access-policy.ts';
import { missingPermissions } from '../domain/permissions.ts';
import { ProblemError } from '../domain/problem-error.ts';

export type { Actor };

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

/**
 * Asks the access policy (src/domain/access-policy.ts) and throws the problem it names when it
 * refuses: 404 for what the actor may not even see, else 403.
 */
export function enforce(actor: Actor, action: ManagementAction): void {
  const verdict = authorize(actor, action);
  if (verdict.allowed) return;
  throw new ProblemError(verdict.status, verdict.status === 404 ? 'NOT_FOUND' : 'FORBIDDEN', verdict.reason);
}
