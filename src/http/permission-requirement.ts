import { parsePermissionRequirement, type PermissionRequirement } from '../domain/permission-query.ts';
import { problems } from '../domain/problem-error.ts';

/**
 * Permission queries as a request sends them (each a permission or an AND/OR query), as one
 * requirement; a malformed one is a 400 naming where it is and the position of the error.
 *
 * @example parsedRequirement(['orders.read AND refunds.create'], (i) => `/permission/${i}`)
 */
export function parsedRequirement(queries: readonly string[], pathOf: (index: number) => string): PermissionRequirement {
  const parsed = parsePermissionRequirement(queries);
  if (!parsed.ok) {
    throw problems.validation(`The permission query is not valid: ${parsed.error.message}.`, [{ path: pathOf(parsed.index), message: parsed.error.message }]);
  }
  return parsed.requirement;
}
