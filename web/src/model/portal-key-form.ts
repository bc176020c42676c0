import dayjs from 'dayjs';
import type { PortalKeyCreate, PortalScope } from '@keyward/sdk';

/** What the portal's create dialog holds. `expiresAt` is the date picker's local time, or null for never. */
export type PortalKeyFormValues = { name: string; groupIds: string[]; expiresAt: string | null };

/** A new key starts with every group the portal offers: a key without any may do nothing. */
export function emptyPortalKeyForm(scope: Pick<PortalScope, 'groups'>): PortalKeyFormValues {
  return { name: '', groupIds: scope.groups.map((group) => group.id), expiresAt: null };
}

/** What is wrong with the form, as it is typed (the server checks the same). */
export function portalKeyFormErrors(values: PortalKeyFormValues): Partial<Record<keyof PortalKeyFormValues, string>> {
  return values.name.length > 200 ? { name: 'At most 200 characters' } : {};
}

export function toPortalKeyCreate(values: PortalKeyFormValues): PortalKeyCreate {
  const body: PortalKeyCreate = { name: values.name.trim(), groupIds: values.groupIds };
  if (values.expiresAt) body.expiresAt = dayjs(values.expiresAt).toISOString();
  return body;
}
