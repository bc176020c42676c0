/** The permissions that guard Keyward's own management API. */
export const MANAGEMENT_PERMISSIONS = [
  'projects.read',
  'projects.write',
  'users.read',
  'users.write',
  'groups.read',
  'groups.write',
  'keys.read',
  'keys.write',
  'keys.verify',
  'audit.read',
  'webhooks.read',
  'webhooks.write',
  'identities.read',
  'identities.write',
  'portal.write',
] as const;

export type ManagementPermission = (typeof MANAGEMENT_PERMISSIONS)[number];

/**
 * A permission string (`feedback.write`), a namespace wildcard (`orders.*`), or `*` for
 * everything. A wildcard is only ever a whole trailing segment: `orders.*` and `orders.refunds.*`
 * are grants, `orders*` and `orders.*.read` are not.
 */
export const PERMISSION_PATTERN = '^(\\*|[a-z0-9][a-z0-9_.:-]{0,63}|[a-z0-9][a-z0-9_.:-]{0,61}\\.\\*)$';

const STAR = 42; // '*'
const DOT = 46; // '.'

/**
 * Whether one grant covers one permission. `*` covers everything; `ns.*` covers every name that
 * starts with `ns.` and has something after it (`orders.*` covers `orders.read` and
 * `orders.refunds.create`, but not `orders` nor `ordersx.read`), and every narrower wildcard
 * (`orders.refunds.*`); anything else covers only itself. A required wildcard is thereby met
 * only by a grant at least as wide, which is what the no-escalation rule needs.
 *
 * @example grantCovers('orders.*', 'orders.refunds.create') // true
 */
export function grantCovers(grant: string, required: string): boolean {
  if (grant === required || grant === '*') return true;
  // Plain grants (the common case) leave here after one character test.
  const length = grant.length;
  if (grant.charCodeAt(length - 1) !== STAR || grant.charCodeAt(length - 2) !== DOT) return false;
  return required.length >= length && required.startsWith(grant.slice(0, -1));
}

/**
 * Whether a set of grants covers one required permission (see `grantCovers`).
 *
 * @example grantsCover(['keys.read'], 'keys.read') // true
 */
export function grantsCover(grants: readonly string[], required: string): boolean {
  for (const grant of grants) {
    if (grantCovers(grant, required)) return true;
  }
  return false;
}

/** Whether grants cover every one of the required permissions. */
export function grantsCoverAll(grants: readonly string[], required: readonly string[]): boolean {
  return required.every((permission) => grantsCover(grants, permission));
}

/** The required permissions that the grants do not cover (for a message a person can act on). */
export function missingPermissions(grants: readonly string[], required: readonly string[]): string[] {
  return required.filter((permission) => !grantsCover(grants, permission));
}

/**
 * What two holders both hold: used for a management key, which never acts with more than its
 * own groups grant nor more than the person behind it holds today.
 *
 * Wildcards stay exact: two grants either cover nested sets of names (`orders.*` and
 * `orders.read`, or `*` and anything) or disjoint ones (`orders.*` and `billing.*`, or
 * `orders.*` and `ordersx.*`, since the namespace ends at the dot). So what both cover is,
 * for each pair, the narrower grant when one covers the other, and nothing otherwise.
 *
 * @example intersectGrants(['orders.*'], ['orders.read', 'billing.*']) // ['orders.read']
 */
export function intersectGrants(a: readonly string[], b: readonly string[]): string[] {
  const result = new Set<string>();
  for (const grant of a) if (grantsCover(b, grant)) result.add(grant);
  for (const grant of b) if (grantsCover(a, grant)) result.add(grant);
  return [...result].sort();
}

/** The sorted union of several permission lists. */
export function unionGrants(lists: Iterable<readonly string[]>): string[] {
  const result = new Set<string>();
  for (const list of lists) for (const grant of list) result.add(grant);
  return [...result].sort();
}
