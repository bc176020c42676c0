import { Anchor, MultiSelect, PasswordInput, Select, Switch, Text, TextInput } from '@mantine/core';
import type { User } from '@keyward/sdk';
import { Link } from 'react-router';
import { useGroups } from '../../api/queries/groups.ts';
import { useSaveUser } from '../../api/queries/users.ts';
import { useDialogForm } from '../../hooks/useDialogForm.ts';
import { useSession } from '../../hooks/useSession.ts';
import { groupChoices } from '../../model/permissions.ts';
import { emptyUserForm, toCreateUserBody, toUpdateUserBody, userFormErrors, userFormFromUser } from '../../model/user-form.ts';
import { notifySuccess } from '../../notify.ts';
import { PATHS } from '../../paths.ts';
import { FormDialog } from '../dialog/FormDialog.tsx';

const ROLES = [
  { value: 'member', label: 'Member: what their groups grant; sees own keys' },
  { value: 'admin', label: 'Admin: everything, every key' },
];

/** Create or edit a user: username, password, role, groups and (when editing) active. */
export function UserFormModal({ user, onClose }: { user?: User; onClose: () => void }) {
  const session = useSession();
  const groups = useGroups(session.can('groups.read'));
  const save = useSaveUser();
  const mode = user ? 'edit' : 'create';
  // Your own password is changed on the account page, which asks for the current one.
  const yourself = user?.id === session.user.id;
  const { form, formRef, submitTo, formError } = useDialogForm({
    name: 'user',
    initialValues: user ? userFormFromUser(user) : emptyUserForm(),
    check: (values) => userFormErrors(values, mode),
  });

  const submit = submitTo(save, (values) => ({ id: user?.id, body: user ? toUpdateUserBody(values, user) : toCreateUserBody(values) }), (saved) => {
    notifySuccess(user ? `Saved ${saved.username}.` : `Created ${saved.username}.`);
    onClose();
  });

  return (
    <FormDialog title={user ? `Edit ${user.username}` : 'Create user'} size="lg" onClose={onClose} dirty={form.isDirty()} formRef={formRef} onSubmit={submit} formError={formError} submitLabel={user ? 'Save' : 'Create user'} pending={save.isPending}>
      <TextInput label="Username" required {...form.getInputProps('username')} autoComplete="off" data-autofocus />
      {yourself ? (
        <Text size="sm">
          Change your own password on <Anchor component={Link} to={PATHS.account} onClick={onClose}>your account page</Anchor>: it asks for the current one.
        </Text>
      ) : (
        <PasswordInput
          label={user ? 'New password' : 'Password'}
          description={user ? 'Leave empty to keep the current password.' : 'At least 12 characters; give it to the person by a safe channel.'}
          required={!user}
          {...form.getInputProps('password')}
          autoComplete="new-password"
        />
      )}
      <Select label="Role" data={ROLES} allowDeselect={false} {...form.getInputProps('role')} comboboxProps={{ withinPortal: true }} />
      <MultiSelect
        label="Permission groups"
        description={session.can('groups.read') ? 'Only the groups whose permissions you hold yourself are offered.' : 'You may not list permission groups (groups.read).'}
        data={groupChoices(groups.data ?? [], session.permissions, user?.groups)}
        {...form.getInputProps('groupIds')}
        searchable
        clearable
        disabled={!session.can('groups.read')}
        comboboxProps={{ withinPortal: true }}
      />
      {user && (
        <Switch label="Active" description="An inactive user cannot sign in, and their management keys stop working." {...form.getInputProps('active', { type: 'checkbox' })} />
      )}
    </FormDialog>
  );
}
