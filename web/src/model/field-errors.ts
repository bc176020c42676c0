import { KeywardError } from '@keyward/sdk';

// Codes that name one field though the problem carries no `errors` list.
const FIELD_OF_CODE: Record<string, string> = {
  OWNER_NOT_FOUND: 'owner',
  PROJECT_NOT_FOUND: 'projectId',
  GROUP_NOT_FOUND: 'groupIds',
};

/**
 * The server's refusal as errors beside the form fields it names (`/ipAllowlist/0` → ipAllowlist),
 * so a refused form shows where to look as well as the notification. `conflictField` is the
 * field a 409 CONFLICT is about, in a form with one unique field (an identity's externalId).
 */
export function fieldErrorsOf(error: unknown, conflictField?: string): Record<string, string> {
  if (!(error instanceof KeywardError)) return {};
  const result: Record<string, string> = {};
  const field = error.code === 'CONFLICT' && conflictField ? conflictField : FIELD_OF_CODE[error.code];
  if (field) result[field] = error.message;
  for (const entry of error.errors) {
    const name = entry.path.split('/')[1];
    if (name && !result[name]) result[name] = entry.message;
  }
  return result;
}
