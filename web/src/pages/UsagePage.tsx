import { BarsList } from '@mantine/charts';
import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useUsageOverview } from '../api/queries/usage.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { UsageStat } from '../components/usage/UsageStat.tsx';
import { UsageChart } from '../components/usage/UsageChart.tsx';
import { UsageRangeControl } from '../components/usage/UsageRangeControl.tsx';
import { usageQuery, type UsageRange } from '../model/usage-series.ts';

const TOP_KEYS = 10;

/** Verifications of every key the person sees, over time, and the busiest keys. */
export function UsagePage() {
  const [range, setRange] = useState<UsageRange>('24h');
  const usage = useUsageOverview({ ...usageQuery(range, Date.now()), top: TOP_KEYS });
  const totals = usage.data?.totals;
  const all = totals && Object.values(totals).reduce((sum, count) => sum + count, 0);
  const valid = totals && (totals.VALID ?? 0);
  const topKeys = usage.data?.topKeys ?? [];

  return (
    <Stack gap="md">
      <PageHeader
        title="Usage"
        description="Verifications of the keys you see, by outcome, and the keys verified most."
        actions={<UsageRangeControl value={range} onChange={setRange} />}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <UsageStat label="Verifications" value={all} />
        <UsageStat label="Valid" value={valid} />
        <UsageStat label="Refused" value={all === undefined || valid === undefined ? undefined : all - valid} />
      </SimpleGrid>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">Over time</Title>
        <UsageChart usage={usage.data} label="Verifications of all keys over time" height={280} />
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">Top keys</Title>
        {topKeys.length === 0 ? (
          <Text size="sm" c="dimmed">No key was verified in this period.</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <BarsList
              data={topKeys.map((key) => ({ name: key.name || key.keyId, value: key.total }))}
              barColor="var(--keyward-bar)"
              barTextColor="var(--mantine-color-text)"
              valueFormatter={(value) => value.toLocaleString('en')}
              barsLabel="Key"
              valueLabel="Verifications"
              aria-hidden
            />
            <Table.ScrollContainer minWidth={360} type="native" tabIndex={0} role="region" aria-label="Top keys table">
              <Table fz="sm" aria-label="Top keys" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Key</Table.Th>
                    <Table.Th ta="right">Verifications</Table.Th>
                    <Table.Th ta="right">Valid</Table.Th>
                    <Table.Th ta="right">Refused</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {topKeys.map((key) => (
                    <Table.Tr key={key.keyId}>
                      <Table.Td>{key.name || <Text span size="sm" c="dimmed">{key.keyId}</Text>}</Table.Td>
                      <Table.Td ta="right">{key.total.toLocaleString('en')}</Table.Td>
                      <Table.Td ta="right">{key.valid.toLocaleString('en')}</Table.Td>
                      <Table.Td ta="right">{(key.total - key.valid).toLocaleString('en')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </SimpleGrid>
        )}
      </Paper>
    </Stack>
  );
}
