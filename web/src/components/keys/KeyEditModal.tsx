import { Button, Code, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { Key } from '@keyward/sdk';
import { useState } from 'react';
import { useGroups } from '../../api/queries/groups.ts';
import { useUpdateKey } from '../../api/queries/keys.ts';
import { useDialogForm } from '../../hooks/useDialogForm.ts';
import { useSession } from '../../hooks/useSession.ts';
import { keyDisplay } from '../../model/format.ts';
import { keyFormErrors, keyFormFromKey, toUpdateBody } from '../../model/key-form.ts';
import { groupChoices } from '../../model/permissions.ts';
import { notifySuccess } from '../../notify.ts';
import { Dialog } from '../dialog/Dialog.tsx';
import { FormError } from '../dialog/FormError.tsx';
import { KeySettingsFields } from './KeySettingsFields.tsx';

/** The edit dialog: name, description, groups, IP allowlist, expiry, status and usage limits. */
export function KeyEditModal({ apiKey, onClose }: { apiKey: Key; onClose: () => void }) {
  const session = useSession();
  const groups = useGroups(session.can('groups.read'));
  const update = useUpdateKey();
  const [initial] = useState(() => keyFormFromKey(apiKey));
  const { form, formRef, onSubmit, refused, formError } = useDialogForm({
    name: 'key-edit',
    initialValues: initial,
    check: (values) => keyFormErrors(values, 'edit'),
    live: ['name', 'description', 'ipAllowlist', 'ratelimitLimit', 'ratelimitWindowSeconds', 'ratelimits', 'remaining', 'refillAmount'],
  });

  const submit = onSubmit((values) =>
    update.mutate(
      { id: apiKey.id, body: toUpdateBody(values, initial) },
      {
        onSuccess: (key) => {
          notifySuccess(`Saved ${key.name || keyDisplay(key)}.`);
          onClose();
        },
        onError: refused,
      },
    ),
  );

  return (
    <Dialog onClose={onClose} dirty={form.isDirty()} title="Edit API key" size="lg">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormError error={formError} />
          <Text size="sm">
            Key <Code>{keyDisplay(apiKey)}</Code> · id <Code>{apiKey.id}</Code>
          </Text>
          <TextInput label="Name" {...form.getInputProps('name')} data-autofocus />
          <Textarea label="Description" autosize minRows={2} maxRows={4} {...form.getInputProps('description')} />
          <KeySettingsFields
            form={form}
            groupChoices={groupChoices(groups.data ?? [], session.permissions, apiKey.groups)}
            groupsUnavailable={session.can('groups.read') ? undefined : 'You may not list permission groups (groups.read).'}
          />
          <Group justify="flex-end" mt="md" gap="xs">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={update.isPending}>Save</Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
