import { Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import type { IssuedKey, PortalScope } from '@keyward/sdk';
import { useCreatePortalKey } from '../../api/queries/portal.ts';
import { useDialogForm } from '../../hooks/useDialogForm.ts';
import { emptyPortalKeyForm, portalKeyFormErrors, toPortalKeyCreate } from '../../model/portal-key-form.ts';
import { Dialog } from '../dialog/Dialog.tsx';
import { FormError } from '../dialog/FormError.tsx';
import { ExpiryField } from '../keys/ExpiryField.tsx';

type Props = { scope: PortalScope; onClose: () => void; onCreated: (issued: IssuedKey) => void };

/**
 * The portal's create dialog: a name, the groups the portal offers (all ticked: a key with none
 * may do nothing) and an expiry. Nothing else: owner, project, limits and allowlist are the
 * provider's to set.
 */
export function PortalKeyCreateModal({ scope, onClose, onCreated }: Props) {
  const create = useCreatePortalKey();
  const { form, formRef, onSubmit, refused, formError } = useDialogForm({
    name: 'portal-key-create',
    initialValues: emptyPortalKeyForm(scope),
    check: portalKeyFormErrors,
    live: ['name'],
  });
  const submit = onSubmit((values) => create.mutate(toPortalKeyCreate(values), { onSuccess: onCreated, onError: refused }));

  return (
    <Dialog onClose={onClose} dirty={form.isDirty()} title="Create API key" size="lg">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormError error={formError} title="Not created" />
          <Text size="sm">
            A key for <b>{scope.project.name}</b>. Its token is shown once, right after you create it.
          </Text>
          <TextInput label="Name" description="To tell your keys apart, e.g. where it is used." placeholder="e.g. production server" {...form.getInputProps('name')} data-autofocus />
          {scope.groups.length > 0 && (
            <Checkbox.Group label="Permission groups" description="What the key may do." {...form.getInputProps('groupIds')}>
              <Stack gap="xs" mt={6}>
                {scope.groups.map((group) => (
                  <Checkbox key={group.id} value={group.id} label={group.name} description={group.permissions.join(', ') || 'No permissions'} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          <ExpiryField value={form.values.expiresAt} onChange={(expiresAt) => form.setFieldValue('expiresAt', expiresAt)} error={form.errors.expiresAt as string | undefined} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={create.isPending}>Create</Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
