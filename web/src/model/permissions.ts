import type { Group } from '@keyward/sdk';

/**
 * The permissions that guard Keyward's own management API, in the server's order
 * (src/domain/permissions.ts; test/web/console-model.test.ts holds the two lists equal).
 */
export const MANAGEMENT_PERMISSIONS = [
  { name: 'projects.read', label: 'Read projects' },
  { name: 'projects.write', label: 'Create, edit and delete projects' },
  { name: 'users.read', label: 'Read users' },
  { name: 'users.write', label: 'Create, edit and deactivate users' },
  { name: 'groups.read', label: 'Read permission groups' },
  { name: 'groups.write', label: 'Create, edit and delete permission groups' },
  { name: 'keys.read', label: 'Read API keys' },
  { name: 'keys.write', label: 'Create, edit, regenerate and delete API keys' },
  { name: 'keys.verify', label: 'Verify keys (when verification needs a credential)' },
  { name: 'audit.read', label: 'Read the audit log' },
  { name: 'webhooks.read', label: 'Read webhooks and their delivery logs' },
  { name: 'webhooks.write', label: 'Create, edit and delete webhooks (they see every key)' },
  { name: 'identities.read', label: 'Read identities (your customers), their limits and quotas' },
  { name: 'identities.write', label: 'Create, edit and delete identities, and bind keys to them' },
  { name: 'portal.write', label: 'Make self-service portal links for an identity' },
] as const;

/** Every permission, management and project alike. */
export const ALL_PERMISSIONS = '*';

const MANAGEMENT_NAMES = new Set<string>(MANAGEMENT_PERMISSIONS.map((permission) => permission.name));

/**
 * A grant as the server accepts it (src/domain/permissions.ts PERMISSION_PATTERN): a name
 * (`feedback.write`), a namespace wildcard (`orders.*`, a whole last segment only), or `*`.
 */
const GRANT = /^(\*|[a-z0-9][a-z0-9_.:-]{0,63}|[a-z0-9][a-z0-9_.:-]{0,61}\.\*)$/;

/**
 * Whether grants cover a permission: `*` covers everything, a grant ending in `.*` its
 * namespace, anything else only itself. The server decides; the dashboard uses this only to
 * hide what would be refused.
 */
export function can(grants: readonly string[], permission: string): boolean {
  return grants.some(
    (grant) => grant === ALL_PERMISSIONS || grant === permission || (grant.endsWith('.*') && permission.startsWith(grant.slice(0, -1))),
  );
}

/** The groups a person may give to a key or a user: those whose every permission they hold. */
export function grantableGroups(groups: readonly Group[], grants: readonly string[]): Group[] {
  return groups.filter((group) => group.permissions.every((permission) => can(grants, permission)));
}

/** A group's permissions split into the management ones (checkboxes) and the project ones (free text). */
export function splitPermissions(permissions: readonly string[]): { all: boolean; management: string[]; project: string[] } {
  return {
    all: permissions.includes(ALL_PERMISSIONS),
    management: permissions.filter((permission) => MANAGEMENT_NAMES.has(permission)),
    project: permissions.filter((permission) => permission !== ALL_PERMISSIONS && !MANAGEMENT_NAMES.has(permission)),
  };
}

/** Whether a grant is a wildcard (`*` or `ns.*`), which covers more than its own name. */
export function isWildcard(permission: string): boolean {
  return permission === ALL_PERMISSIONS || permission.endsWith('.*');
}

/** Why a free project permission (or wildcard grant) would be refused, or undefined when it is fine. */
export function projectPermissionError(permission: string): string | undefined {
  if (GRANT.test(permission)) return undefined;
  if (permission.includes('*')) {
    return `"${permission}": a wildcard is only a whole last segment (orders.*, orders.refunds.*) or * alone`;
  }
  return `"${permission}" must be lower-case letters, digits and _ . : - (up to 64), starting with a letter or digit`;
}

/**
 * The choices of a groups field: the groups the person may grant, plus those the key or user
 * already has (keeping a group needs no permission; adding one does).
 */
export function groupChoices(groups: readonly Group[], grants: readonly string[], current: readonly { id: string; name: string }[] = []) {
  const choices = new Map<string, string>();
  for (const group of grantableGroups(groups, grants)) choices.set(group.id, group.name);
  for (const group of current) if (!choices.has(group.id)) choices.set(group.id, group.name);
  return [...choices].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}
