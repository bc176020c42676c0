import { Code, Stack, Text } from '@mantine/core';
import type { Key } from '@keyward/sdk';
import { keyDisplay } from '../../model/format.ts';
import { limitsSummary } from '../../model/key-form.ts';
import { Dialog } from '../dialog/Dialog.tsx';
import KeyUsagePanel from './KeyUsagePanel.tsx';

/** One key's verifications over a period, by outcome, with its usage limits and tags. */
export function KeyUsageModal({ apiKey, onClose }: { apiKey: Key; onClose: () => void }) {
  const limits = limitsSummary(apiKey);
  return (
    <Dialog onClose={onClose} title={`Usage of ${apiKey.name || 'Unnamed key'}`} size="xl">
      <Stack gap="sm">
        <Text size="sm">
          Key <Code>{keyDisplay(apiKey)}</Code>
          {limits && ` · ${limits}`}
        </Text>
        <KeyUsagePanel apiKey={apiKey} />
      </Stack>
    </Dialog>
  );
}
