/** The account page's password form. */
export type PasswordFormValues = { currentPassword: string; newPassword: string; repeated: string };

const MIN_PASSWORD = 12;

export function emptyPasswordForm(): PasswordFormValues {
  return { currentPassword: '', newPassword: '', repeated: '' };
}

export function passwordFormErrors(values: PasswordFormValues): Partial<Record<keyof PasswordFormValues, string>> {
  const errors: Partial<Record<keyof PasswordFormValues, string>> = {};
  if (!values.currentPassword) errors.currentPassword = 'Your current password: it proves it is you at this screen';
  if (values.newPassword.length < MIN_PASSWORD) errors.newPassword = `At least ${MIN_PASSWORD} characters`;
  else if (values.newPassword === values.currentPassword) errors.newPassword = 'A password different from the current one';
  if (values.repeated !== values.newPassword) errors.repeated = 'The two new passwords differ';
  return errors;
}
