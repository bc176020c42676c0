import type { Identity, IdentityCreate, IdentityUpdate } from '@keyward/sdk';
import { metaText, parseMeta } from './meta-json.ts';
import { limitRowErrors, limitRowsOf, limitsOfRows, sameLimits, type NamedLimitRow } from './named-limits.ts';
import { quotaErrors, quotaFormOf, refillOf, remainingOf, type QuotaFormValues } from './quota-form.ts';

/** What the identity dialog holds: your id for the customer, its meta as JSON text, its limits and quota. */
export type IdentityFormValues = QuotaFormValues & {
  externalId: string;
  meta: string;
  ratelimits: NamedLimitRow[];
};

const MAX_EXTERNAL_ID = 255;

export function emptyIdentityForm(): IdentityFormValues {
  return { externalId: '', meta: '', ratelimits: [], remaining: '', refillAmount: '', refillInterval: 'daily' };
}

export function identityFormFromIdentity(identity: Identity): IdentityFormValues {
  return { externalId: identity.externalId, meta: metaText(identity.meta), ratelimits: limitRowsOf(identity.ratelimits), ...quotaFormOf(identity) };
}

/** The errors to show as the person types (by field path); a form with any cannot be sent. */
export function identityFormErrors(values: IdentityFormValues): Record<string, string | undefined> {
  const externalId = values.externalId.trim();
  return {
    externalId: !externalId ? 'Give your own id for this customer, e.g. acme-corp' : externalId.length > MAX_EXTERNAL_ID ? `At most ${MAX_EXTERNAL_ID} characters` : undefined,
    meta: parseMeta(values.meta).error,
    ...limitRowErrors(values.ratelimits, { field: 'ratelimits' }),
    ...quotaErrors(values),
  };
}

export function toIdentityCreateBody(values: IdentityFormValues): IdentityCreate {
  const body: IdentityCreate = { externalId: values.externalId.trim(), meta: parseMeta(values.meta).meta ?? {}, ratelimits: limitsOfRows(values.ratelimits) };
  const remaining = remainingOf(values);
  if (remaining !== null) body.remaining = remaining;
  const refill = refillOf(values);
  if (refill) body.refill = refill;
  return body;
}

/**
 * The changes of the edit dialog. The limits, quota and refill are sent only when the person
 * changed them: the shared quota is spent by the identity's keys while the dialog is open, and
 * setting a refill again restarts its clock.
 */
export function toIdentityUpdateBody(values: IdentityFormValues, before: IdentityFormValues): IdentityUpdate {
  const body: IdentityUpdate = { externalId: values.externalId.trim(), meta: parseMeta(values.meta).meta ?? {} };
  const limits = limitsOfRows(values.ratelimits);
  if (!sameLimits(limits, limitsOfRows(before.ratelimits))) body.ratelimits = limits;
  if (String(values.remaining) !== String(before.remaining)) body.remaining = remainingOf(values);
  if (String(values.refillAmount) !== String(before.refillAmount) || values.refillInterval !== before.refillInterval) body.refill = refillOf(values);
  return body;
}
