import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { Dialog } from '../dialog/Dialog.tsx';

type Props = { secret: string; title: string; onClose: () => void };

/**
 * A webhook's signing secret, shown this once (after creation or rotation), with a copy button.
 * Like the token dialog, it closes only by its button.
 */
export function SecretModal({ secret, title, onClose }: Props) {
  return (
    <Dialog onClose={onClose} title={title} size="lg" closeOnClickOutside={false} closeOnEscape={false} withCloseButton={false}>
      <Stack gap="md">
        <Alert color="red" variant="outline" icon={<IconAlertTriangle size={18} aria-hidden />} title="Copy the signing secret now">
          This is the only time it is shown. Your receiver checks each delivery's Keyward-Signature with it; if it is lost, rotate it.
        </Alert>
        <Stack gap={4}>
          <Text size="sm" fw={600} id="webhook-secret-label">Signing secret</Text>
          <Code block aria-labelledby="webhook-secret-label" data-testid="webhook-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {secret}
          </Code>
          <CopyButton value={secret} timeout={4000}>
            {({ copied, copy }) => (
              <Button onClick={copy} color={copied ? 'teal.9' : undefined} leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />} aria-live="polite">
                {copied ? 'Copied to the clipboard' : 'Copy secret'}
              </Button>
            )}
          </CopyButton>
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>I have stored the secret</Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
