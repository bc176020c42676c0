/** The actions the audit log records, for its filter. */
export const AUDIT_ACTIONS = [
  'key.created', 'key.updated', 'key.enabled', 'key.disabled', 'key.regenerated', 'key.deleted',
  'user.created', 'user.updated', 'user.deleted',
  'group.created', 'group.updated', 'group.deleted',
  'project.created', 'project.updated', 'project.deleted',
  'session.created', 'session.revoked',
] as const;

// Ids are the type prefix and 22 lower-case Crockford base32 characters.
const KEY_ID = /^key_[0-9a-hjkmnp-tv-z]{22}$/;

/** Why a typed key id would be refused by the API's filter, or undefined. */
export function keyIdError(text: string): string | undefined {
  return text === '' || KEY_ID.test(text) ? undefined : 'A key id starts with key_ (copy it from the key’s dialog)';
}
