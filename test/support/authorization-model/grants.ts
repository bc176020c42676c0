/**
 * The reference model's own permission arithmetic, written from the rule in SECURITY.md and not
 * imported from src/domain/permissions.ts: a model that shared the server's code would share its
 * mistakes. It is small on purpose, so that it can be checked by reading.
 *
 * `*` covers everything; `ns.*` covers every longer name under `ns.` (wildcards included);
 * any other grant covers only itself.
 */

/**
 * The permissions random groups are made of: the management permissions the commands need,
 * `*`, and project permissions where a wildcard covers a plain name (`orders.*` ⊇ `orders.read`)
 * and one it does not (`billing.read`).
 */
export const PERMISSION_UNIVERSE = [
  'keys.read',
  'keys.write',
  'users.read',
  'users.write',
  'groups.read',
  'groups.write',
  'projects.read',
  '*',
  'orders.read',
  'orders.*',
  'billing.read',
] as const;

/** Whether one grant covers one permission (or narrower wildcard). */
export function covers(grant: string, permission: string): boolean {
  if (grant === '*' || grant === permission) return true;
  if (!grant.endsWith('.*')) return false;
  const namespace = grant.slice(0, -1); // 'orders.'
  return permission.startsWith(namespace) && permission.length > namespace.length;
}

/** Whether `grants` cover every permission in `permissions` ("A holds P"). */
export function holdsAll(grants: readonly string[], permissions: readonly string[]): boolean {
  return permissions.every((permission) => grants.some((grant) => covers(grant, permission)));
}

/** The permissions of `permissions` that `grants` do not cover. */
export function notHeld(grants: readonly string[], permissions: readonly string[]): string[] {
  return permissions.filter((permission) => !grants.some((grant) => covers(grant, permission)));
}

/** Whether two sets of grants cover exactly the same permissions. */
export function equivalent(a: readonly string[], b: readonly string[]): boolean {
  return holdsAll(a, b) && holdsAll(b, a);
}

/**
 * What two holders both hold. Two grants cover either nested or disjoint sets of names, so
 * what both cover is, pair by pair, the narrower grant where one covers the other.
 */
export function intersect(a: readonly string[], b: readonly string[]): string[] {
  const both = new Set<string>();
  for (const grant of a) if (holdsAll(b, [grant])) both.add(grant);
  for (const grant of b) if (holdsAll(a, [grant])) both.add(grant);
  return [...both].sort();
}

/** The sorted union of permission lists. */
export function union(lists: Iterable<readonly string[]>): string[] {
  const all = new Set<string>();
  for (const list of lists) for (const permission of list) all.add(permission);
  return [...all].sort();
}

/** A grant list as messages show it. */
export function shown(grants: readonly string[]): string {
  return grants.length === 0 ? '(nothing)' : grants.join(' ');
}
