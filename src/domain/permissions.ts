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
] as const;

export type ManagementPermission = (typeof MANAGEMENT_PERMISSIONS)[number];

/** A project's own permission string (`feedback.write`), or `*` for everything. */
export const PERMISSION_PATTERN = '^(\\*|[a-z0-9][a-z0-9_.:-]{0,63})$';

/**
 * Whether a set of grants covers one required permission. `*` covers everything; otherwise
 * grants are exact.
 *
 * @example grantsCover(['keys.read'], 'keys.read') // true
 */
export function grantsCover(grants: readonly string[], required: string): boolean {
  for (const grant of grants) {
    if (grant === '*' || grant === required) return true;
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
