import dayjs from 'dayjs';
import type { KeyCreate, Key, NamedLimitSetting, RateLimit, KeyUpdate } from '@keyward/sdk';
import { allowlistEntries, allowlistError } from './ip-allowlist.ts';
import { DEFAULT_LIMIT_NAME, limitRowErrors, limitRowsOf, limitsOfRows, MAX_NAMED_LIMITS, sameLimits, type NamedLimitRow } from './named-limits.ts';
import { countError, isEmpty, MAX_COUNT, MAX_WINDOW_SECONDS, quotaErrors, quotaFormOf, quotaSummary, refillOf, remainingOf, type QuotaFormValues } from './quota-form.ts';

/**
 * What the create and edit dialogs hold. `expiresAt` is the date picker's local time, or null
 * for never. The single rate limit is the key's limit named `default` that applies to every
 * verification (the API's old `ratelimit`); `ratelimits` are its other named limits.
 */
export type KeyFormValues = QuotaFormValues & {
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
  ratelimits: NamedLimitRow[];
  /** The identity (customer) the key belongs to, by its external id; empty for none. */
  externalId: string;
};

/** Errors by field path (`ratelimits.0.name` for a row's field). */
export type KeyFormErrors = Partial<Record<keyof KeyFormValues | `ratelimits.${number}.${keyof NamedLimitRow}`, string>>;

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
    ratelimits: [],
    externalId: '',
    remaining: '',
    refillAmount: '',
    refillInterval: 'daily',
    ...defaults,
  };
}

/** The form for "Create & create another": the same project, owner, groups and identity, a blank name. */
export function nextKeyForm(previous: KeyFormValues): KeyFormValues {
  return emptyKeyForm({ projectId: previous.projectId, owner: previous.owner, groupIds: previous.groupIds, externalId: previous.externalId });
}

export function keyFormFromKey(key: Key): KeyFormValues {
  // The single rate limit field is the `default` limit applied to every verification; a
  // `default` applied only when named (set through the API) stays a row like the others.
  const single = key.ratelimits.find((limit) => limit.name === DEFAULT_LIMIT_NAME && limit.autoApply);
  return {
    projectId: key.projectId,
    name: key.name,
    description: key.description,
    owner: key.owner?.username ?? '',
    groupIds: key.groups.map((group) => group.id),
    expiresAt: key.expiresAt ? dayjs(key.expiresAt).format(PICKER_FORMAT) : null,
    ipAllowlist: key.ipAllowlist.join('\n'),
    enabled: key.enabled,
    ratelimitLimit: single?.limit ?? '',
    ratelimitWindowSeconds: single ? single.durationMs / 1000 : '',
    ratelimits: limitRowsOf(key.ratelimits.filter((limit) => limit !== single)),
    externalId: key.identity?.externalId ?? '',
    ...quotaFormOf(key),
  };
}

function usageLimitErrors(values: KeyFormValues): KeyFormErrors {
  const errors: KeyFormErrors = {};
  const limit = countError(values.ratelimitLimit, 1, MAX_COUNT);
  const window = countError(values.ratelimitWindowSeconds, 1, MAX_WINDOW_SECONDS);
  if (limit) errors.ratelimitLimit = limit;
  else if (isEmpty(values.ratelimitLimit) && !isEmpty(values.ratelimitWindowSeconds)) errors.ratelimitLimit = 'Give the number of verifications per window, or clear the window';
  if (window) errors.ratelimitWindowSeconds = window;
  else if (isEmpty(values.ratelimitWindowSeconds) && !isEmpty(values.ratelimitLimit)) errors.ratelimitWindowSeconds = 'Give the window in seconds, or clear the limit';
  const single = !isEmpty(values.ratelimitLimit) || !isEmpty(values.ratelimitWindowSeconds);
  const rows = limitRowErrors(values.ratelimits, {
    field: 'ratelimits',
    taken: single ? { name: DEFAULT_LIMIT_NAME, why: '"default" is the rate limit above: give this one another name' } : undefined,
    room: single ? MAX_NAMED_LIMITS - 1 : MAX_NAMED_LIMITS,
  });
  return { ...errors, ...rows, ...quotaErrors(values) };
}

function ratelimitOf(values: KeyFormValues): RateLimit | null {
  if (isEmpty(values.ratelimitLimit) || isEmpty(values.ratelimitWindowSeconds)) return null;
  return { limit: Number(values.ratelimitLimit), windowMs: Number(values.ratelimitWindowSeconds) * 1000 };
}

/** Every named limit of the form as the API takes them: the single rate limit is the one named `default`. */
export function keyLimitsOf(values: KeyFormValues): NamedLimitSetting[] {
  const single = ratelimitOf(values);
  const others = limitsOfRows(values.ratelimits);
  return single ? [{ name: DEFAULT_LIMIT_NAME, limit: single.limit, durationMs: single.windowMs, autoApply: true }, ...others] : others;
}

/** The errors to show as the person types; a form with any cannot be sent. */
export function keyFormErrors(values: KeyFormValues, mode: 'create' | 'edit'): KeyFormErrors {
  const errors: KeyFormErrors = {};
  if (mode === 'create' && !values.projectId) errors.projectId = 'Choose the project the key belongs to';
  if (values.name.length > 200) errors.name = 'At most 200 characters';
  if (values.description.length > 1000) errors.description = 'At most 1000 characters';
  if (values.externalId.trim().length > 255) errors.externalId = 'At most 255 characters';
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
  const limits = keyLimitsOf(values);
  if (limits.length > 0) body.ratelimits = limits;
  if (values.externalId.trim()) body.externalId = values.externalId.trim();
  const remaining = remainingOf(values);
  if (remaining !== null) body.remaining = remaining;
  const refill = refillOf(values);
  if (refill) body.refill = refill;
  return body;
}

/**
 * The changes of the edit dialog. `remaining` is sent only when the person changed it: the
 * quota is spent by verifications while the dialog is open, and saving another field must not
 * set it back to what the dialog loaded. The limits and the identity are sent only when changed
 * too: setting an identity (even the same one) needs identities.write, which a person who edits
 * only a key's name need not hold.
 */
export function toUpdateBody(values: KeyFormValues, before: KeyFormValues): KeyUpdate {
  const body: KeyUpdate = {
    name: values.name.trim(),
    description: values.description.trim(),
    groupIds: values.groupIds,
    ipAllowlist: allowlistEntries(values.ipAllowlist),
    expiresAt: expiry(values),
    enabled: values.enabled,
    refill: refillOf(values),
  };
  if (String(values.remaining) !== String(before.remaining)) body.remaining = remainingOf(values);
  const limits = keyLimitsOf(values);
  if (!sameLimits(limits, keyLimitsOf(before))) body.ratelimits = limits;
  const externalId = values.externalId.trim();
  if (externalId !== before.externalId.trim()) {
    if (externalId) body.externalId = externalId;
    else body.identityId = null;
  }
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
    quotaSummary(key),
  ].filter(Boolean).join(', ');
}
