import { Group, Stack } from '@mantine/core';
import type { Key } from '@keyward/sdk';
import { useState } from 'react';
import { useKeyUsage } from '../../api/queries/usage.ts';
import { usageQuery, type UsageRange } from '../../model/usage-series.ts';
import { UsageChart } from '../usage/UsageChart.tsx';
import { UsageRangeControl } from '../usage/UsageRangeControl.tsx';
import { UsageTags } from '../usage/UsageTags.tsx';

/**
 * One key's verifications over a period, by outcome, with its tags. Loaded on its own (the
 * charts library is most of a megabyte).
 */
export default function KeyUsagePanel({ apiKey }: { apiKey: Key }) {
  const [range, setRange] = useState<UsageRange>('24h');
  const usage = useKeyUsage(apiKey.id, usageQuery(range, Date.now()));
  const name = apiKey.name || 'Unnamed key';
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <UsageRangeControl value={range} onChange={setRange} />
      </Group>
      <UsageChart usage={usage.data} label={`Verifications of ${name}`} />
      <UsageTags tags={usage.data?.tags} />
    </Stack>
  );
}
