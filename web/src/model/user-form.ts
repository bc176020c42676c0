import type { UserCreate, Role, UserUpdate, User } from '@keyward/sdk';

export type UserFormValues = { username: string; password: string; role: Role; groupIds: string[]; active: boolean };
export type UserFormErrors = Partial<Record<keyof UserFormValues, string>>;

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}$/;
const MIN_PASSWORD = 12;

export function emptyUserForm(): UserFormValues {
  return { username: '', password: '', role: 'member', groupIds: [], active: true };
}

export function userFormFromUser(user: User): UserFormValues {
  return { username: user.username, password: '', role: user.role, groupIds: user.groups.map((group) => group.id), active: user.active };
}

export function userFormErrors(values: UserFormValues, mode: 'create' | 'edit'): UserFormErrors {
  const errors: UserFormErrors = {};
  if (!USERNAME.test(values.username)) errors.username = '2-64 letters, digits or _ . @ -, starting with a letter or digit';
  if (values.password && values.password.length < MIN_PASSWORD) errors.password = `At least ${MIN_PASSWORD} characters`;
  if (mode === 'create' && !values.password) errors.password = 'Set a password so the user can sign in';
  return errors;
}

export function toCreateUserBody(values: UserFormValues): UserCreate {
  return { username: values.username, password: values.password, role: values.role, groupIds: values.groupIds };
}

/** Only what changed, so editing a user never sends a password nobody typed. */
export function toUpdateUserBody(values: UserFormValues, user: User): UserUpdate {
  const body: UserUpdate = { groupIds: values.groupIds };
  if (values.username !== user.username) body.username = values.username;
  if (values.role !== user.role) body.role = values.role;
  if (values.active !== user.active) body.active = values.active;
  if (values.password) body.password = values.password;
  return body;
}
