import { Button, Code, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useRegenerateKey } from '../../api/queries/keys.ts';
import type { IssuedKey, Key } from '@keyward/sdk';
import { keyDisplay } from '../../model/format.ts';
import { GRACE_PERIODS } from '../../model/key-form.ts';

type Props = { apiKey: Key; onClose: () => void; onRegenerated: (issued: IssuedKey) => void };

/** Asks before giving a key a new token, with an optional grace period for the old one. */
export function RegenerateModal({ apiKey, onClose, onRegenerated }: Props) {
  const regenerate = useRegenerateKey();
  const [grace, setGrace] = useState('0');
  const confirm = () =>
    regenerate.mutate({ id: apiKey.id, graceSeconds: Number(grace) }, { onSuccess: onRegenerated });

  return (
    <Modal opened onClose={onClose} title="Regenerate API key">
      <Stack gap="md">
        <Text fw={600}>Are you sure you want to change this API key?</Text>
        <Text size="sm">
          <b>{apiKey.name || 'Unnamed key'}</b> (<Code>{keyDisplay(apiKey)}</Code>) gets a new token, shown once. Everything that
          uses the old token must be given the new one.
        </Text>
        <Select
          label="Grace period for the old token"
          description="How long the old token keeps working, for a rolling change."
          data={GRACE_PERIODS}
          value={grace}
          allowDeselect={false}
          onChange={(value) => setGrace(value ?? '0')}
          comboboxProps={{ withinPortal: true }}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} data-autofocus>Cancel</Button>
          <Button color="red.9" onClick={confirm} loading={regenerate.isPending}>Regenerate</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
