import type { Group, GroupCreate } from '@keyward/sdk';
import { ALL_PERMISSIONS, projectPermissionError, splitPermissions } from './permissions.ts';

export type GroupFormValues = { name: string; description: string; all: boolean; management: string[]; project: string[] };
export type GroupFormErrors = Partial<Record<keyof GroupFormValues | 'permissions', string>>;

export function emptyGroupForm(): GroupFormValues {
  return { name: '', description: '', all: false, management: [], project: [] };
}

export function groupFormFromGroup(group: Group): GroupFormValues {
  return { name: group.name, description: group.description, ...splitPermissions(group.permissions) };
}

export function groupFormErrors(values: GroupFormValues): GroupFormErrors {
  const errors: GroupFormErrors = {};
  if (!values.name.trim()) errors.name = 'Give the group a name';
  const wrong = values.project.map(projectPermissionError).find(Boolean);
  if (wrong) errors.project = wrong;
  return errors;
}

export function toGroupBody(values: GroupFormValues): GroupCreate {
  // `*` typed among the project permissions means the same as "Everything".
  const permissions = values.all || values.project.includes(ALL_PERMISSIONS) ? [ALL_PERMISSIONS] : [...values.management, ...values.project];
  return { name: values.name.trim(), description: values.description.trim(), permissions };
}
