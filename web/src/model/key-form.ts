import dayjs from 'dayjs';
import type { CreateKeyBody, Key, UpdateKeyBody } from '../api/types.ts';
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
};

export type KeyFormErrors = Partial<Record<keyof KeyFormValues, string>>;

const PICKER_FORMAT = 'YYYY-MM-DD HH:mm:ss';

export function emptyKeyForm(defaults: Partial<KeyFormValues> = {}): KeyFormValues {
  return { projectId: '', name: '', description: '', owner: '', groupIds: [], expiresAt: null, ipAllowlist: '', enabled: true, ...defaults };
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
  };
}

/** The errors to show as the person types; a form with any cannot be sent. */
export function keyFormErrors(values: KeyFormValues, mode: 'create' | 'edit'): KeyFormErrors {
  const errors: KeyFormErrors = {};
  if (mode === 'create' && !values.projectId) errors.projectId = 'Choose the project the key belongs to';
  if (values.name.length > 200) errors.name = 'At most 200 characters';
  if (values.description.length > 1000) errors.description = 'At most 1000 characters';
  const allowlist = allowlistError(values.ipAllowlist);
  if (allowlist) errors.ipAllowlist = allowlist;
  return errors;
}

function expiry(values: KeyFormValues): string | null {
  return values.expiresAt ? dayjs(values.expiresAt).toISOString() : null;
}

export function toCreateBody(values: KeyFormValues): CreateKeyBody {
  const body: CreateKeyBody = {
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
  return body;
}

export function toUpdateBody(values: KeyFormValues): UpdateKeyBody {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    groupIds: values.groupIds,
    ipAllowlist: allowlistEntries(values.ipAllowlist),
    expiresAt: expiry(values),
    enabled: values.enabled,
  };
}

/** Grace periods offered when regenerating (seconds the old token keeps working). */
export const GRACE_PERIODS = [
  { value: '0', label: 'None: the old token stops now' },
  { value: '3600', label: '1 hour' },
  { value: '86400', label: '24 hours' },
  { value: '604800', label: '7 days' },
];
