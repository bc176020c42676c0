import type { Group, Key, KeyImportResult, KeyImportRow, KeywardError } from '@keyward/sdk';
import { parseCsv } from './csv-parse.ts';

/** The server takes at most this many keys per call, all or nothing (POST /v1/keys/import). */
export const MAX_IMPORT_ROWS = 1000;

/** The CSV columns, in the order the README documents them; only `sha256` is required. */
export const IMPORT_CSV_COLUMNS = ['sha256', 'name', 'description', 'owner', 'groups', 'expiresAt', 'enabled', 'meta'] as const;

/** One key of the file: what is sent, the group names to show, and why it cannot be sent (if so). */
export type ImportRow = { row: number; key: KeyImportRow; groupLabels: string[]; problem?: string };

/** A file read for import: its rows, or why the file as a whole cannot be read. */
export type ParsedImport = { rows: ImportRow[]; error?: string };

const HEX = /^[0-9a-f]{64}$/i;
// 32 bytes: 43 characters, 44 with padding; standard or URL-safe alphabet.
const BASE64 = /^[A-Za-z0-9+/_-]{43}=?$/;
const JSON_FIELDS = new Set(['hash', 'sha256', 'name', 'description', 'owner', 'ownerId', 'groupIds', 'groups', 'expiresAt', 'enabled', 'meta']);

/**
 * Reads a CSV or JSON file of keys to import (see README, "Importing keys"), resolving group
 * names to ids with `groups`. Each row is checked here so the preview can point at it; the
 * server checks again (owners, hashes already imported) and has the last word.
 */
export function parseImportFile(fileName: string, text: string, groups: readonly Group[]): ParsedImport {
  const json = fileName.toLowerCase().endsWith('.json') || /^\s*[[{]/.test(text);
  const parsed = json ? rowsFromJson(text) : rowsFromCsv(text);
  if ('error' in parsed) return { rows: [], error: parsed.error };
  if (parsed.entries.length === 0) return { rows: [], error: 'The file has no keys.' };
  return { rows: parsed.entries.map((entry, i) => toRow(i + 1, entry, groups)) };
}

/** A row as read from either format, before checking. */
type Entry = {
  hash?: unknown;
  sha256?: unknown;
  name?: unknown;
  description?: unknown;
  owner?: unknown;
  ownerId?: unknown;
  groupIds?: unknown;
  groups?: unknown;
  expiresAt?: unknown;
  enabled?: unknown;
  meta?: unknown;
  unknownFields?: string[];
};

function rowsFromCsv(text: string): { entries: Entry[] } | { error: string } {
  const [header, ...lines] = parseCsv(text);
  if (!header) return { error: 'The file is empty.' };
  const columns = header.map((name) => name.trim());
  if (columns.some((name) => name.toLowerCase() === 'token' || name.toLowerCase() === 'key')) {
    return { error: 'The file has a token column. Import takes the SHA-256 of each token, never the token itself: remove the column.' };
  }
  const unknown = columns.filter((name) => !(IMPORT_CSV_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) return { error: `Unknown column ${unknown.map((name) => `"${name}"`).join(', ')}. The columns are: ${IMPORT_CSV_COLUMNS.join(', ')}.` };
  if (!columns.includes('sha256')) return { error: 'The file has no sha256 column (the SHA-256 of each token).' };
  const entries = lines.map((fields) => {
    const entry: Record<string, string> = {};
    columns.forEach((name, i) => {
      const value = fields[i]?.trim() ?? '';
      if (value !== '') entry[name] = value;
    });
    return {
      ...entry,
      groups: entry.groups?.split(';').map((group) => group.trim()).filter(Boolean),
      meta: entry.meta === undefined ? undefined : parseJsonField(entry.meta),
    } satisfies Entry;
  });
  return { entries };
}

/** `meta` in CSV is JSON text; a parse failure is kept as a marker for toRow to report. */
function parseJsonField(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return INVALID_JSON;
  }
}
const INVALID_JSON = Symbol('invalid JSON');

function rowsFromJson(text: string): { entries: Entry[] } | { error: string } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { error: `The file is not valid JSON: ${(error as Error).message}` };
  }
  const list = Array.isArray(document) ? document : (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) return { error: 'The JSON must be an array of keys, or an object with a "keys" array.' };
  const entries = list.map((item): Entry => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return { unknownFields: ['(not an object)'] };
    const unknownFields = Object.keys(item).filter((name) => !JSON_FIELDS.has(name));
    return { ...(item as Entry), unknownFields };
  });
  return { entries };
}

const optionalText = (value: unknown) => (value === undefined || value === null ? undefined : String(value));

function hashOf(entry: Entry): KeyImportRow['hash'] | string {
  if (entry.hash !== undefined) {
    const hash = entry.hash as Partial<KeyImportRow['hash']>;
    if (typeof hash !== 'object' || hash === null || hash.algorithm !== 'sha256' || (hash.encoding !== 'hex' && hash.encoding !== 'base64') || typeof hash.value !== 'string') {
      return 'hash must be {algorithm: "sha256", encoding: "hex" or "base64", value}';
    }
    return { algorithm: 'sha256', encoding: hash.encoding, value: hash.value };
  }
  const value = optionalText(entry.sha256)?.trim();
  if (!value) return 'sha256 is missing';
  // The two encodings have different lengths (64 and 43/44 characters), so the value says which.
  if (HEX.test(value)) return { algorithm: 'sha256', encoding: 'hex', value };
  if (BASE64.test(value)) return { algorithm: 'sha256', encoding: 'base64', value };
  return 'sha256 must be the SHA-256 of the token: 64 hex characters or 44 base64';
}

function enabledOf(value: unknown): boolean | undefined | string {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (['true', 'yes', '1'].includes(text)) return true;
  if (['false', 'no', '0'].includes(text)) return false;
  return `enabled must be true or false, not "${String(value)}"`;
}

/** Checks one entry and builds its request body; `problem` says what is wrong, if anything. */
function toRow(row: number, entry: Entry, groups: readonly Group[]): ImportRow {
  const problems: string[] = [];
  if (entry.unknownFields?.length) problems.push(`unknown field ${entry.unknownFields.join(', ')}`);
  const hash = hashOf(entry);
  if (typeof hash === 'string') problems.push(hash);
  const key: KeyImportRow = { hash: typeof hash === 'string' ? { algorithm: 'sha256', encoding: 'hex', value: '' } : hash };
  const name = optionalText(entry.name);
  if (name !== undefined) key.name = name;
  const description = optionalText(entry.description);
  if (description !== undefined) key.description = description;
  const owner = optionalText(entry.owner);
  if (owner !== undefined) key.owner = owner;
  if (entry.ownerId !== undefined) problems.push('ownerId is not taken here: give the owner by username');

  const groupLabels: string[] = [];
  const groupIds: string[] = [];
  const wanted = [...(Array.isArray(entry.groups) ? entry.groups : []), ...(Array.isArray(entry.groupIds) ? entry.groupIds : [])].map(String);
  for (const ref of wanted) {
    const group = groups.find((candidate) => candidate.id === ref || candidate.name === ref);
    if (group) {
      groupIds.push(group.id);
      groupLabels.push(group.name);
    } else if (ref.startsWith('grp_')) {
      // An id the person cannot list (no groups.read): the server decides.
      groupIds.push(ref);
      groupLabels.push(ref);
    } else problems.push(`no permission group named "${ref}"`);
  }
  if (groupIds.length > 0) key.groupIds = [...new Set(groupIds)];

  const expiresAt = optionalText(entry.expiresAt);
  if (expiresAt !== undefined) {
    if (Number.isNaN(Date.parse(expiresAt))) problems.push(`expiresAt must be an ISO 8601 date-time, not "${expiresAt}"`);
    else key.expiresAt = new Date(expiresAt).toISOString();
  }
  const enabled = enabledOf(entry.enabled);
  if (typeof enabled === 'string') problems.push(enabled);
  else if (enabled !== undefined) key.enabled = enabled;
  if (entry.meta === INVALID_JSON) problems.push('meta must be a JSON object');
  else if (entry.meta !== undefined) {
    if (typeof entry.meta !== 'object' || entry.meta === null || Array.isArray(entry.meta)) problems.push('meta must be a JSON object');
    else key.meta = entry.meta as Record<string, unknown>;
  }
  return { row, key, groupLabels, problem: problems.length > 0 ? problems.join('; ') : undefined };
}

/** The rows in calls of at most MAX_IMPORT_ROWS, each with the index of its first row. */
export function importBatches<T>(rows: readonly T[]): { first: number; rows: T[] }[] {
  const batches: { first: number; rows: T[] }[] = [];
  for (let first = 0; first < rows.length; first += MAX_IMPORT_ROWS) batches.push({ first, rows: rows.slice(first, first + MAX_IMPORT_ROWS) });
  return batches;
}

/** What one call of an import answered: the imported keys, or the server's refusal. */
export type ImportBatchOutcome = { first: number; count: number } & ({ result: KeyImportResult } | { error: KeywardError });

/** What happened to one row. */
export type RowResult = { imported: true; key: Key } | { imported: false; message: string };

const ROW_PATH = /^\/keys\/(\d+)(?:\/(.*))?$/;

/**
 * Each row's result from the calls' outcomes. A refused call imports none of its rows (all or
 * nothing): rows the server named get its message for them, the others say why they were not
 * imported either.
 */
export function rowResults(outcomes: readonly ImportBatchOutcome[]): RowResult[] {
  const results: RowResult[] = [];
  for (const outcome of outcomes) {
    if ('result' in outcome) {
      outcome.result.keys.forEach((key, i) => (results[outcome.first + i] = { imported: true, key }));
      continue;
    }
    const named = new Map<number, string[]>();
    for (const entry of outcome.error.errors) {
      const match = ROW_PATH.exec(entry.path);
      if (!match) continue;
      const index = Number(match[1]);
      const field = match[2] ? `${match[2].split('/')[0]}: ` : '';
      named.set(index, [...(named.get(index) ?? []), `${field}${entry.message}`]);
    }
    for (let i = 0; i < outcome.count; i++) {
      const own = named.get(i);
      results[outcome.first + i] = {
        imported: false,
        message: own ? own.join('; ') : named.size > 0 ? 'Not imported: other rows of the same call were refused (all or nothing).' : outcome.error.message,
      };
    }
  }
  return results;
}
