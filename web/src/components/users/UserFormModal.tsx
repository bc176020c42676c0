import { Button, Group, Modal, MultiSelect, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useGroups } from '../../api/queries/groups.ts';
import { useSaveUser } from '../../api/queries/users.ts';
import type { Role, User } from '@keyward/sdk';
import { useSession } from '../../hooks/useSession.ts';
import { fieldErrorsOf } from '../../model/field-errors.ts';
import { groupChoices } from '../../model/permissions.ts';
import { emptyUserForm, toCreateUserBody, toUpdateUserBody, userFormErrors, userFormFromUser, type UserFormErrors, type UserFormValues } from '../../model/user-form.ts';
import { notifySuccess } from '../../notify.ts';

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
  const [values, setValues] = useState<UserFormValues>(() => (user ? userFormFromUser(user) : emptyUserForm()));
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<UserFormErrors>({});
  const clientErrors = userFormErrors(values, mode);
  const errors = touched ? { ...serverErrors, ...clientErrors } : serverErrors;

  const change = (patch: Partial<UserFormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    setServerErrors({});
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(clientErrors).length > 0) return;
    save.mutate(
      { id: user?.id, body: user ? toUpdateUserBody(values, user) : toCreateUserBody(values) },
      {
        onSuccess: (saved) => {
          notifySuccess(user ? `Saved ${saved.username}.` : `Created ${saved.username}.`);
          onClose();
        },
        onError: (error) => setServerErrors(fieldErrorsOf(error)),
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={user ? `Edit ${user.username}` : 'Create user'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label="Username" required value={values.username} onChange={(event) => change({ username: event.currentTarget.value })} onBlur={() => setTouched(true)} error={errors.username} autoComplete="off" data-autofocus />
          <PasswordInput
            label={user ? 'New password' : 'Password'}
            description={user ? 'Leave empty to keep the current password.' : 'At least 12 characters; give it to the person by a safe channel.'}
            required={!user}
            value={values.password}
            onChange={(event) => change({ password: event.currentTarget.value })}
            error={errors.password}
            autoComplete="new-password"
          />
          <Select label="Role" data={ROLES} value={values.role} allowDeselect={false} onChange={(role) => change({ role: (role ?? 'member') as Role })} error={errors.role} comboboxProps={{ withinPortal: true }} />
          <MultiSelect
            label="Permission groups"
            description={session.can('groups.read') ? 'Only the groups whose permissions you hold yourself are offered.' : 'You may not list permission groups (groups.read).'}
            data={groupChoices(groups.data ?? [], session.permissions, user?.groups)}
            value={values.groupIds}
            onChange={(groupIds) => change({ groupIds })}
            searchable
            clearable
            disabled={!session.can('groups.read')}
            error={errors.groupIds}
            comboboxProps={{ withinPortal: true }}
          />
          {user && (
            <Switch label="Active" description="An inactive user cannot sign in, and their management keys stop working." checked={values.active} onChange={(event) => change({ active: event.currentTarget.checked })} />
          )}
          <Group justify="flex-end" mt="md" gap="xs">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={save.isPending}>{user ? 'Save' : 'Create user'}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
