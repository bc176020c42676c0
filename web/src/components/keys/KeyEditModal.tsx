import { Button, Code, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useGroups } from '../../api/queries/groups.ts';
import { useUpdateKey } from '../../api/queries/keys.ts';
import type { Key } from '@keyward/sdk';
import { useSession } from '../../hooks/useSession.ts';
import { fieldErrorsOf } from '../../model/field-errors.ts';
import { keyDisplay } from '../../model/format.ts';
import { keyFormErrors, keyFormFromKey, toUpdateBody, type KeyFormErrors, type KeyFormValues } from '../../model/key-form.ts';
import { groupChoices } from '../../model/permissions.ts';
import { notifySuccess } from '../../notify.ts';
import { KeySettingsFields } from './KeySettingsFields.tsx';

/** The edit dialog: name, description, groups, IP allowlist, expiry, status and usage limits. */
export function KeyEditModal({ apiKey, onClose }: { apiKey: Key; onClose: () => void }) {
  const session = useSession();
  const groups = useGroups(session.can('groups.read'));
  const update = useUpdateKey();
  const [initial] = useState(() => keyFormFromKey(apiKey));
  const [values, setValues] = useState(initial);
  const [serverErrors, setServerErrors] = useState<KeyFormErrors>({});
  const clientErrors = keyFormErrors(values, 'edit');
  const errors = { ...serverErrors, ...clientErrors };

  const change = (patch: Partial<KeyFormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    setServerErrors({});
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(clientErrors).length > 0) return;
    update.mutate(
      { id: apiKey.id, body: toUpdateBody(values, initial) },
      {
        onSuccess: (key) => {
          notifySuccess(`Saved ${key.name || keyDisplay(key)}.`);
          onClose();
        },
        onError: (error) => setServerErrors(fieldErrorsOf(error)),
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title="Edit API key" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            Key <Code>{keyDisplay(apiKey)}</Code> · id <Code>{apiKey.id}</Code>
          </Text>
          <TextInput label="Name" value={values.name} onChange={(event) => change({ name: event.currentTarget.value })} error={errors.name} data-autofocus />
          <Textarea label="Description" autosize minRows={2} maxRows={4} value={values.description} onChange={(event) => change({ description: event.currentTarget.value })} error={errors.description} />
          <KeySettingsFields
            values={values}
            errors={errors}
            onChange={change}
            groupChoices={groupChoices(groups.data ?? [], session.permissions, apiKey.groups)}
            groupsUnavailable={session.can('groups.read') ? undefined : 'You may not list permission groups (groups.read).'}
          />
          <Group justify="flex-end" mt="md" gap="xs">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={update.isPending}>Save</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
