/**
 * What makes a username and a password acceptable: one rule, read by the API's schemas, the
 * environment's (the first admin) and `keyward admin create`.
 */

/** 2-64 letters, digits or `_.@-`, starting with a letter or digit. */
export const USERNAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}$';
export const USERNAME_RULE = '2-64 letters, digits or _.@- characters, starting with a letter or digit';

/** OWASP's floor for a password without other factors is 8; Keyward asks 12. The cap bounds hashing work. */
export const PASSWORD_LENGTH = { min: 12, max: 256 } as const;
export const PASSWORD_RULE = `${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters`;
