import type { Refill } from '@keyward/sdk';

/**
 * The number fields that keys and identities share: a quota (verifications left) and its
 * refill. Number inputs hold '' when empty; empty means none.
 */
export type QuotaFormValues = {
  /** Quota: verifications left; empty for no quota. */
  remaining: number | string;
  /** What the quota is set back to, and how often; amount empty for no refill. */
  refillAmount: number | string;
  refillInterval: Refill['interval'];
};

// The server's bounds (src/http/schemas/resources.ts).
export const MAX_COUNT = 1_000_000_000;
export const MAX_REMAINING = 1_000_000_000_000;
export const MAX_WINDOW_SECONDS = 31 * 24 * 3600;

/** Whether a number input is empty. */
export const isEmpty = (value: number | string) => value === '' || value === undefined;

/** Why a number field is refused, or undefined: whole numbers within bounds only. */
export function countError(value: number | string, min: number, max: number): string | undefined {
  if (isEmpty(value)) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) return `A whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}`;
  return undefined;
}

/** What is wrong with a quota and its refill, by field. */
export function quotaErrors(values: QuotaFormValues): Partial<Record<'remaining' | 'refillAmount', string>> {
  const errors: Partial<Record<'remaining' | 'refillAmount', string>> = {};
  const remaining = countError(values.remaining, 0, MAX_REMAINING);
  if (remaining) errors.remaining = remaining;
  const refill = countError(values.refillAmount, 1, MAX_COUNT);
  if (refill) errors.refillAmount = refill;
  else if (!isEmpty(values.refillAmount) && isEmpty(values.remaining)) errors.refillAmount = 'A refill needs a quota: set the verifications left too';
  return errors;
}

export function remainingOf(values: QuotaFormValues): number | null {
  return isEmpty(values.remaining) ? null : Number(values.remaining);
}

export function refillOf(values: QuotaFormValues): Refill | null {
  return isEmpty(values.refillAmount) ? null : { amount: Number(values.refillAmount), interval: values.refillInterval };
}

/** The quota fields of a key or identity as the API answers them. */
export function quotaFormOf(holder: { remaining: number | null; refill: Refill | null }): QuotaFormValues {
  return { remaining: holder.remaining ?? '', refillAmount: holder.refill?.amount ?? '', refillInterval: holder.refill?.interval ?? 'daily' };
}

/** A quota in words ("98 verifications left, refilled to 100 daily"), or ''. */
export function quotaSummary(holder: { remaining: number | null; refill: Refill | null }): string {
  return [
    holder.remaining !== null && `${holder.remaining.toLocaleString('en')} verifications left`,
    holder.refill && `refilled to ${holder.refill.amount.toLocaleString('en')} ${holder.refill.interval}`,
  ].filter(Boolean).join(', ');
}
