import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useChangePassword } from '../../api/queries/account.ts';
import { useDialogForm } from '../../hooks/useDialogForm.ts';
import { emptyPasswordForm, passwordFormErrors } from '../../model/password-form.ts';
import { notifySuccess } from '../../notify.ts';
import { FormError } from '../dialog/FormError.tsx';

/** Change your own password: the current one first; your other sessions end, this one stays. */
export function ChangePasswordForm() {
  const change = useChangePassword();
  const { form, formRef, onSubmit, refused, formError } = useDialogForm({
    name: 'password',
    initialValues: emptyPasswordForm(),
    check: passwordFormErrors,
    live: ['repeated'],
  });
  const submit = onSubmit((values) =>
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.reset();
          notifySuccess('Password changed. Your other sessions were signed out.');
        },
        onError: refused,
      },
    ),
  );
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Change your password">
      <Stack gap="sm" maw={420}>
        <FormError error={formError} title="Not changed" />
        <PasswordInput label="Current password" autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
        <PasswordInput label="New password" description="At least 12 characters." autoComplete="new-password" required {...form.getInputProps('newPassword')} />
        <PasswordInput label="New password again" autoComplete="new-password" required {...form.getInputProps('repeated')} />
        <Group>
          <Button type="submit" loading={change.isPending}>Change password</Button>
        </Group>
      </Stack>
    </form>
  );
}
