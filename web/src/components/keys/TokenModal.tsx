import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import type { IssuedKey } from '@keyward/sdk';
import { Dialog } from '../dialog/Dialog.tsx';

type Props = { issued: IssuedKey; title: string; onClose: () => void };

/**
 * The shown-once dialog after create and regenerate: the full token, the key id and a copy
 * button that confirms the copy. It closes only by its button, so a stray click or Escape
 * cannot lose a token nobody has stored yet.
 */
export function TokenModal({ issued, title, onClose }: Props) {
  return (
    <Dialog onClose={onClose} title={title} size="lg" closeOnClickOutside={false} closeOnEscape={false} withCloseButton={false}>
      <Stack gap="md">
        <Alert color="red" variant="outline" icon={<IconAlertTriangle size={18} aria-hidden />} title="Copy the token now">
          This is the only time the token is shown. Keyward keeps only a hash of it and cannot show it again; if it is lost,
          regenerate the key.
        </Alert>
        <Stack gap={4}>
          <Text size="sm" fw={600} id="issued-token-label">Token</Text>
          <Code block aria-labelledby="issued-token-label" data-testid="issued-token" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontSize: 'var(--mantine-font-size-md)' }}>
            {issued.token}
          </Code>
          <CopyButton value={issued.token} timeout={4000}>
            {({ copied, copy }) => (
              <Button
                onClick={copy}
                color={copied ? 'teal.9' : undefined}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                aria-live="polite"
              >
                {copied ? 'Copied to the clipboard' : 'Copy token'}
              </Button>
            )}
          </CopyButton>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={600}>Key id</Text>
          <Group gap="xs">
            <Code data-testid="issued-key-id">{issued.key.id}</Code>
            <CopyButton value={issued.key.id}>
              {({ copied, copy }) => (
                <Button size="compact-sm" variant="default" onClick={copy}>{copied ? 'Copied' : 'Copy id'}</Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" c="dimmed">
            The id names the key in the API and the audit log; it is not a secret.
          </Text>
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            I have stored the token
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
