import type { Project, ProjectCreate } from '@keyward/sdk';

export type ProjectFormValues = { name: string; keyPrefix: string };
export type ProjectFormErrors = Partial<Record<keyof ProjectFormValues, string>>;

const KEY_PREFIX = /^[a-z][a-z0-9]{1,11}$/;

export function emptyProjectForm(): ProjectFormValues {
  return { name: '', keyPrefix: '' };
}

export function projectFormFromProject(project: Project): ProjectFormValues {
  return { name: project.name, keyPrefix: project.keyPrefix };
}

export function projectFormErrors(values: ProjectFormValues): ProjectFormErrors {
  const errors: ProjectFormErrors = {};
  if (!values.name.trim()) errors.name = 'Give the project a name';
  if (values.keyPrefix && !KEY_PREFIX.test(values.keyPrefix)) {
    errors.keyPrefix = '2-12 lower-case letters and digits, starting with a letter (e.g. fb)';
  }
  return errors;
}

export function toProjectBody(values: ProjectFormValues): ProjectCreate {
  return values.keyPrefix ? { name: values.name.trim(), keyPrefix: values.keyPrefix } : { name: values.name.trim() };
}
