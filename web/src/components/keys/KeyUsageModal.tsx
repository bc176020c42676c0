import { Badge, Code, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useKeyUsage } from '../../api/queries/usage.ts';
import type { Key } from '@keyward/sdk';
import { keyDisplay } from '../../model/format.ts';
import { usageQuery, type UsageRange } from '../../model/usage-series.ts';
import { UsageChart } from '../usage/UsageChart.tsx';
import { UsageRangeControl } from '../usage/UsageRangeControl.tsx';
import { Dialog } from '../dialog/Dialog.tsx';

/** One key's verifications over a period, by outcome, with its usage limits and tags. */
export function KeyUsageModal({ apiKey, onClose }: { apiKey: Key; onClose: () => void }) {
  const [range, setRange] = useState<UsageRange>('24h');
  const usage = useKeyUsage(apiKey.id, usageQuery(range, Date.now()));
  const name = apiKey.name || 'Unnamed key';
  const limits = [
    apiKey.ratelimit && `Rate limit ${apiKey.ratelimit.limit.toLocaleString('en')} per ${apiKey.ratelimit.windowMs / 1000} s`,
    apiKey.remaining !== null && `${apiKey.remaining.toLocaleString('en')} verifications left`,
    apiKey.refill && `refilled to ${apiKey.refill.amount.toLocaleString('en')} ${apiKey.refill.interval}`,
  ].filter(Boolean);

  return (
    <Dialog onClose={onClose} title={`Usage of ${name}`} size="xl">
      <Stack gap="sm">
        <Group justify="space-between" gap="sm">
          <Text size="sm">
            Key <Code>{keyDisplay(apiKey)}</Code>
            {limits.length > 0 && ` · ${limits.join(', ')}`}
          </Text>
          <UsageRangeControl value={range} onChange={setRange} />
        </Group>
        <UsageChart usage={usage.data} label={`Verifications of ${name}`} />
        {usage.data && usage.data.tags.length > 0 && (
          <Group gap={4}>
            <Text size="sm">Tags:</Text>
            {usage.data.tags.map((tag) => (
              <Badge key={tag.tag} variant="default" size="sm" tt="none">{`${tag.tag} (${tag.count.toLocaleString('en')})`}</Badge>
            ))}
          </Group>
        )}
      </Stack>
    </Dialog>
  );
}
