import type { NamedLimit, NamedLimitSetting } from '@keyward/sdk';
import { countError, isEmpty, MAX_COUNT, MAX_WINDOW_SECONDS } from './quota-form.ts';

/**
 * Named rate limits in a form: one row per limit, as a key or an identity carries them
 * (`{name, limit, durationMs, autoApply}`, shared/spec/API.md). The window is typed in seconds,
 * like the key's single rate limit; number inputs hold '' when empty.
 */
export type NamedLimitRow = { name: string; limit: number | string; windowSeconds: number | string; autoApply: boolean };

// The server's rules (src/domain/named-limits.ts): a name it accepts, at most ten per holder.
const NAME = /^[a-z0-9_-]{1,32}$/;
export const MAX_NAMED_LIMITS = 10;
/** The name the key's single rate limit goes by. */
export const DEFAULT_LIMIT_NAME = 'default';

/** A new row: a minute's window, applied to every verification, the rest to fill in. */
export function newLimitRow(): NamedLimitRow {
  return { name: '', limit: '', windowSeconds: 60, autoApply: true };
}

/** The rows of the limits a key or identity has. */
export function limitRowsOf(limits: readonly NamedLimit[]): NamedLimitRow[] {
  return limits.map((limit) => ({ name: limit.name, limit: limit.limit, windowSeconds: limit.durationMs / 1000, autoApply: limit.autoApply }));
}

/** The rows as the API takes them (a body's `ratelimits`). Only for rows without errors. */
export function limitsOfRows(rows: readonly NamedLimitRow[]): NamedLimitSetting[] {
  return rows.map((row) => ({ name: row.name.trim(), limit: Number(row.limit), durationMs: Number(row.windowSeconds) * 1000, autoApply: row.autoApply }));
}

/** Whether two lists of limits say the same (in the same order): an edit sends them only when not. */
export function sameLimits(a: readonly NamedLimitSetting[], b: readonly NamedLimitSetting[]): boolean {
  const canonical = (limits: readonly NamedLimitSetting[]) => JSON.stringify(limits.map((l) => [l.name, l.limit, l.durationMs, l.autoApply ?? true]));
  return canonical(a) === canonical(b);
}

type RowChecks = {
  /** The form field holding the rows (errors are `<field>.<row>.<column>`, as @mantine/form names them). */
  field: string;
  /** A name the form already uses elsewhere, and why it may not be used again. */
  taken?: { name: string; why: string };
  /** Rows allowed (fewer than ten when the form holds another limit elsewhere). */
  room?: number;
};

/**
 * What is wrong with the rows, by field path: a name the server refuses or used twice, a limit
 * or window that is not a whole number within the server's bounds, too many rows.
 *
 * @example limitRowErrors([{ name: 'Bad Name', limit: 0, windowSeconds: 60, autoApply: true }], { field: 'ratelimits' })
 * // { 'ratelimits.0.name': 'Lower-case letters, digits, _ and - (up to 32)', 'ratelimits.0.limit': 'A whole number from 1 to 1,000,000,000' }
 */
export function limitRowErrors(rows: readonly NamedLimitRow[], checks: RowChecks): Record<string, string> {
  const errors: Record<string, string> = {};
  const room = checks.room ?? MAX_NAMED_LIMITS;
  if (rows.length > room) errors[checks.field] = `At most ${MAX_NAMED_LIMITS} limits${room < MAX_NAMED_LIMITS ? `, the rate limit above included` : ''}`;
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const at = (column: keyof NamedLimitRow) => `${checks.field}.${index}.${column}`;
    const name = row.name.trim();
    if (!name) errors[at('name')] = 'Give the limit a name, e.g. requests';
    else if (!NAME.test(name)) errors[at('name')] = 'Lower-case letters, digits, _ and - (up to 32)';
    else if (name === checks.taken?.name) errors[at('name')] = checks.taken.why;
    else if (seen.has(name)) errors[at('name')] = `"${name}" is used twice`;
    seen.add(name);
    const limit = isEmpty(row.limit) ? 'Give the verifications allowed per window' : countError(row.limit, 1, MAX_COUNT);
    if (limit) errors[at('limit')] = limit;
    const window = isEmpty(row.windowSeconds) ? 'Give the window in seconds' : countError(row.windowSeconds, 1, MAX_WINDOW_SECONDS);
    if (window) errors[at('windowSeconds')] = window;
  });
  return errors;
}

const UNITS = [
  { ms: 86_400_000, one: 'day', other: 'days' },
  { ms: 3_600_000, one: 'h', other: 'h' },
  { ms: 60_000, one: 'min', other: 'min' },
  { ms: 1000, one: 's', other: 's' },
] as const;

/** A window in the largest unit that divides it: "1 min", "2 h", "7 days", "90 s", "1.5 s". */
export function windowWords(durationMs: number): string {
  const unit = UNITS.find((candidate) => durationMs % candidate.ms === 0) ?? UNITS[UNITS.length - 1]!;
  const count = durationMs / unit.ms;
  return `${count.toLocaleString('en')} ${count === 1 ? unit.one : unit.other}`;
}

/** A limit in words: "requests: 100 per 1 min, every verification". */
export function limitWords(limit: NamedLimit): string {
  const when = limit.autoApply ? 'every verification' : 'when a verification names it';
  return `${limit.name}: ${limit.limit.toLocaleString('en')} per ${windowWords(limit.durationMs)}, ${when}`;
}
