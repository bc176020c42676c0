import { Code, Text, Textarea, TextInput } from '@mantine/core';
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
import { FormDialog } from '../dialog/FormDialog.tsx';
import { KeySettingsFields } from './KeySettingsFields.tsx';

/** The edit dialog: name, description, groups, IP allowlist, expiry, status and usage limits. */
export function KeyEditModal({ apiKey, onClose }: { apiKey: Key; onClose: () => void }) {
  const session = useSession();
  const groups = useGroups(session.can('groups.read'));
  const update = useUpdateKey();
  const [initial] = useState(() => keyFormFromKey(apiKey));
  const { form, formRef, submitTo, formError } = useDialogForm({
    name: 'key-edit',
    initialValues: initial,
    check: (values) => keyFormErrors(values, 'edit'),
    live: ['name', 'description', 'ipAllowlist', 'ratelimitLimit', 'ratelimitWindowSeconds', 'ratelimits', 'remaining', 'refillAmount'],
  });

  const submit = submitTo(update, (values) => ({ id: apiKey.id, body: toUpdateBody(values, initial) }), (key) => {
    notifySuccess(`Saved ${key.name || keyDisplay(key)}.`);
    onClose();
  });

  return (
    <FormDialog title="Edit API key" size="lg" onClose={onClose} dirty={form.isDirty()} formRef={formRef} onSubmit={submit} formError={formError} submitLabel="Save" pending={update.isPending}>
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
    </FormDialog>
  );
}
