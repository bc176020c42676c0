import dayjs from 'dayjs';
import type { KeyCreate, Key, RateLimit, Refill, KeyUpdate } from '@keyward/sdk';
import { allowlistEntries, allowlistError } from './ip-allowlist.ts';

/** What the create and edit dialogs hold. `expiresAt` is the date picker's local time, or null for never. */
export type KeyFormValues = {
  projectId: string;
  name: string;
  description: string;
  owner: string;
  groupIds: string[];
  expiresAt: string | null;
  ipAllowlist: string;
  enabled: boolean;
  /** Rate limit: verifications per window; both empty for no limit. (Number inputs hold '' when empty.) */
  ratelimitLimit: number | string;
  ratelimitWindowSeconds: number | string;
  /** Quota: verifications left; empty for no quota. */
  remaining: number | string;
  /** What the quota is set back to, and how often; amount empty for no refill. */
  refillAmount: number | string;
  refillInterval: Refill['interval'];
};

export type KeyFormErrors = Partial<Record<keyof KeyFormValues, string>>;

/** The date picker's value format (local time). */
export const PICKER_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/** The expiry presets: this many days from now. */
export const EXPIRY_PRESETS_DAYS = [7, 30, 90] as const;

export function emptyKeyForm(defaults: Partial<KeyFormValues> = {}): KeyFormValues {
  return {
    projectId: '',
    name: '',
    description: '',
    owner: '',
    groupIds: [],
    expiresAt: null,
    ipAllowlist: '',
    enabled: true,
    ratelimitLimit: '',
    ratelimitWindowSeconds: '',
    remaining: '',
    refillAmount: '',
    refillInterval: 'daily',
    ...defaults,
  };
}

/** The form for "Create & create another": the same project, owner and groups, a blank name. */
export function nextKeyForm(previous: KeyFormValues): KeyFormValues {
  return emptyKeyForm({ projectId: previous.projectId, owner: previous.owner, groupIds: previous.groupIds });
}

export function keyFormFromKey(key: Key): KeyFormValues {
  return {
    projectId: key.projectId,
    name: key.name,
    description: key.description,
    owner: key.owner?.username ?? '',
    groupIds: key.groups.map((group) => group.id),
    expiresAt: key.expiresAt ? dayjs(key.expiresAt).format(PICKER_FORMAT) : null,
    ipAllowlist: key.ipAllowlist.join('\n'),
    enabled: key.enabled,
    ratelimitLimit: key.ratelimit?.limit ?? '',
    ratelimitWindowSeconds: key.ratelimit ? key.ratelimit.windowMs / 1000 : '',
    remaining: key.remaining ?? '',
    refillAmount: key.refill?.amount ?? '',
    refillInterval: key.refill?.interval ?? 'daily',
  };
}

// The server's bounds (src/http/schemas/resources.ts).
const MAX_COUNT = 1_000_000_000;
const MAX_REMAINING = 1_000_000_000_000;
const MAX_WINDOW_SECONDS = 31 * 24 * 3600;

const isEmpty = (value: number | string) => value === '' || value === undefined;

/** Why a number field is refused, or undefined: whole numbers within bounds only. */
function countError(value: number | string, min: number, max: number): string | undefined {
  if (isEmpty(value)) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) return `A whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}`;
  return undefined;
}

function usageLimitErrors(values: KeyFormValues): KeyFormErrors {
  const errors: KeyFormErrors = {};
  const limit = countError(values.ratelimitLimit, 1, MAX_COUNT);
  const window = countError(values.ratelimitWindowSeconds, 1, MAX_WINDOW_SECONDS);
  if (limit) errors.ratelimitLimit = limit;
  else if (isEmpty(values.ratelimitLimit) && !isEmpty(values.ratelimitWindowSeconds)) errors.ratelimitLimit = 'Give the number of verifications per window, or clear the window';
  if (window) errors.ratelimitWindowSeconds = window;
  else if (isEmpty(values.ratelimitWindowSeconds) && !isEmpty(values.ratelimitLimit)) errors.ratelimitWindowSeconds = 'Give the window in seconds, or clear the limit';
  const remaining = countError(values.remaining, 0, MAX_REMAINING);
  if (remaining) errors.remaining = remaining;
  const refill = countError(values.refillAmount, 1, MAX_COUNT);
  if (refill) errors.refillAmount = refill;
  else if (!isEmpty(values.refillAmount) && isEmpty(values.remaining)) errors.refillAmount = 'A refill needs a quota: set the verifications left too';
  return errors;
}

function ratelimitOf(values: KeyFormValues): RateLimit | null {
  if (isEmpty(values.ratelimitLimit) || isEmpty(values.ratelimitWindowSeconds)) return null;
  return { limit: Number(values.ratelimitLimit), windowMs: Number(values.ratelimitWindowSeconds) * 1000 };
}

function remainingOf(values: KeyFormValues): number | null {
  return isEmpty(values.remaining) ? null : Number(values.remaining);
}

function refillOf(values: KeyFormValues): Refill | null {
  return isEmpty(values.refillAmount) ? null : { amount: Number(values.refillAmount), interval: values.refillInterval };
}

/** The errors to show as the person types; a form with any cannot be sent. */
export function keyFormErrors(values: KeyFormValues, mode: 'create' | 'edit'): KeyFormErrors {
  const errors: KeyFormErrors = {};
  if (mode === 'create' && !values.projectId) errors.projectId = 'Choose the project the key belongs to';
  if (values.name.length > 200) errors.name = 'At most 200 characters';
  if (values.description.length > 1000) errors.description = 'At most 1000 characters';
  const allowlist = allowlistError(values.ipAllowlist);
  if (allowlist) errors.ipAllowlist = allowlist;
  return { ...errors, ...usageLimitErrors(values) };
}

function expiry(values: KeyFormValues): string | null {
  return values.expiresAt ? dayjs(values.expiresAt).toISOString() : null;
}

export function toCreateBody(values: KeyFormValues): KeyCreate {
  const body: KeyCreate = {
    projectId: values.projectId,
    name: values.name.trim(),
    description: values.description.trim(),
    groupIds: values.groupIds,
    ipAllowlist: allowlistEntries(values.ipAllowlist),
    enabled: values.enabled,
  };
  if (values.owner.trim()) body.owner = values.owner.trim();
  const expiresAt = expiry(values);
  if (expiresAt) body.expiresAt = expiresAt;
  const ratelimit = ratelimitOf(values);
  if (ratelimit) body.ratelimit = ratelimit;
  const remaining = remainingOf(values);
  if (remaining !== null) body.remaining = remaining;
  const refill = refillOf(values);
  if (refill) body.refill = refill;
  return body;
}

/**
 * The changes of the edit dialog. `remaining` is sent only when the person changed it: the
 * quota is spent by verifications while the dialog is open, and saving another field must not
 * set it back to what the dialog loaded.
 */
export function toUpdateBody(values: KeyFormValues, before: KeyFormValues): KeyUpdate {
  const body: KeyUpdate = {
    name: values.name.trim(),
    description: values.description.trim(),
    groupIds: values.groupIds,
    ipAllowlist: allowlistEntries(values.ipAllowlist),
    expiresAt: expiry(values),
    enabled: values.enabled,
    ratelimit: ratelimitOf(values),
    refill: refillOf(values),
  };
  if (String(values.remaining) !== String(before.remaining)) body.remaining = remainingOf(values);
  return body;
}

/** Grace periods offered when regenerating (seconds the old token keeps working). */
export const GRACE_PERIODS = [
  { value: '0', label: 'None: the old token stops now' },
  { value: '3600', label: '1 hour' },
  { value: '86400', label: '24 hours' },
  { value: '604800', label: '7 days' },
];

/** A key's usage limits in words ("Rate limit 10 per 60 s, 98 verifications left, refilled to 100 daily"), or ''. */
export function limitsSummary(key: Pick<Key, 'ratelimit' | 'remaining' | 'refill'>): string {
  return [
    key.ratelimit && `Rate limit ${key.ratelimit.limit.toLocaleString('en')} per ${key.ratelimit.windowMs / 1000} s`,
    key.remaining !== null && `${key.remaining.toLocaleString('en')} verifications left`,
    key.refill && `refilled to ${key.refill.amount.toLocaleString('en')} ${key.refill.interval}`,
  ].filter(Boolean).join(', ');
}
