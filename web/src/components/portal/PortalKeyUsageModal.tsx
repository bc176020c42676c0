import { Code, Group, Stack, Text } from '@mantine/core';
import type { Key } from '@keyward/sdk';
import { useState } from 'react';
import { usePortalKeyUsage } from '../../api/queries/portal.ts';
import { keyDisplay } from '../../model/format.ts';
import { usageQuery, type UsageRange } from '../../model/usage-series.ts';
import { Dialog } from '../dialog/Dialog.tsx';
import { UsageChart } from '../usage/UsageChart.tsx';
import { UsageRangeControl } from '../usage/UsageRangeControl.tsx';
import { UsageTags } from '../usage/UsageTags.tsx';

/**
 * One of the customer's keys: its verifications over a period, by outcome, with their tags (the
 * console's chart). Its own chunk: the charts library is most of a megabyte.
 */
export default function PortalKeyUsageModal({ apiKey, onClose }: { apiKey: Key; onClose: () => void }) {
  const [range, setRange] = useState<UsageRange>('24h');
  const usage = usePortalKeyUsage(apiKey.id, usageQuery(range, Date.now()));
  const name = apiKey.name || 'Unnamed key';
  return (
    <Dialog onClose={onClose} title={`Usage of ${name}`} size="xl">
      <Stack gap="sm">
        <Group justify="space-between" gap="sm">
          <Text size="sm">Key <Code>{keyDisplay(apiKey)}</Code></Text>
          <UsageRangeControl value={range} onChange={setRange} />
        </Group>
        <UsageChart usage={usage.data} label={`Verifications of ${name}`} />
        <UsageTags tags={usage.data?.tags} />
      </Stack>
    </Dialog>
  );
}
