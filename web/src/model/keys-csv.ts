import type { Key, ProjectName } from '@keyward/sdk';
import { keyDisplay } from './format.ts';

const COLUMNS = [
  'Sr. No.', 'Key ID', 'Name', 'Description', 'Key', 'Owner', 'Project', 'Groups', 'Permissions', 'Status',
  'Created', 'Created by', 'Last used', 'Expires', 'IP allowlist',
] as const;

// A cell starting with one of these is a formula to spreadsheet programs (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The API key report as CSV (RFC 4180): one row per key with what the table shows. Keys as the
 * API returns them carry no token, so none can end up in the file; times are UTC ISO 8601.
 */
export function keysToCsv(keys: readonly Key[], projects: ReadonlyMap<string, ProjectName>): string {
  const rows = keys.map((key, index) => [
    String(index + 1),
    key.id,
    key.name,
    key.description,
    keyDisplay(key),
    key.owner?.username ?? '',
    projects.get(key.projectId)?.name ?? key.projectId,
    key.groups.map((group) => group.name).join('; '),
    key.permissions.join('; '),
    key.status,
    key.createdAt,
    key.createdBy?.username ?? '',
    key.lastUsedAt ?? 'Never',
    key.expiresAt ?? 'Never',
    key.ipAllowlist.join('; '),
  ]);
  return [COLUMNS as readonly string[], ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
