import { Button, Code, Group, Select, Stack, Text } from '@mantine/core';
import type { IssuedKey, Key } from '@keyward/sdk';
import { useRegenerateKey } from '../../api/queries/keys.ts';
import { useDialogForm } from '../../hooks/useDialogForm.ts';
import { keyDisplay } from '../../model/format.ts';
import { GRACE_PERIODS } from '../../model/key-form.ts';
import { Dialog } from '../dialog/Dialog.tsx';
import { FormError } from '../dialog/FormError.tsx';

type Props = { apiKey: Key; onClose: () => void; onRegenerated: (issued: IssuedKey) => void };

/** Asks before giving a key a new token, with an optional grace period for the old one. */
export function RegenerateModal({ apiKey, onClose, onRegenerated }: Props) {
  const regenerate = useRegenerateKey();
  const { form, formRef, onSubmit, refused, formError } = useDialogForm({
    name: 'regenerate',
    initialValues: { graceSeconds: '0' },
    check: () => ({}),
  });
  const submit = onSubmit((values) =>
    regenerate.mutate({ id: apiKey.id, graceSeconds: Number(values.graceSeconds) }, { onSuccess: onRegenerated, onError: refused }),
  );

  return (
    <Dialog onClose={onClose} title="Regenerate API key">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={formError} title="Not regenerated" />
          <Text fw={600}>Are you sure you want to change this API key?</Text>
          <Text size="sm">
            <b>{apiKey.name || 'Unnamed key'}</b> (<Code>{keyDisplay(apiKey)}</Code>) gets a new token, shown once. Everything that
            uses the old token must be given the new one.
          </Text>
          <Select
            label="Grace period for the old token"
            description="How long the old token keeps working, for a rolling change."
            data={GRACE_PERIODS}
            allowDeselect={false}
            {...form.getInputProps('graceSeconds')}
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} data-autofocus>Cancel</Button>
            <Button type="submit" color="red.9" loading={regenerate.isPending}>Regenerate</Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
