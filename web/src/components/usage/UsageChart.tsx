import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Stack, Text } from '@mantine/core';
import type { KeyUsage } from '@keyward/sdk';
import { chartPoints, OUTCOME_COLORS, outcomesOf, outcomeTotals, usageSummary } from '../../model/usage-series.ts';

type Props = {
  usage: Pick<KeyUsage, 'granularity' | 'from' | 'to' | 'buckets'> | undefined;
  /** Names the chart for assistive technology, e.g. "Verifications of ingest worker". */
  label: string;
  height?: number;
};

const formatCount = (value: number) => value.toLocaleString('en');

/**
 * Verifications over time, stacked by outcome, with the totals in words beside it (what a
 * screen reader reads, and what the test checks; the bars are the same numbers drawn).
 */
export function UsageChart({ usage, label, height = 240 }: Props) {
  const summary = usage ? usageSummary(outcomeTotals(usage.buckets)) : 'Loading…';
  const series = usage ? outcomesOf(usage.buckets).map((code) => ({ name: code, color: OUTCOME_COLORS[code] ?? 'blue.6' })) : [];
  return (
    <Stack gap="xs" component="figure" m={0} aria-label={label} aria-busy={!usage}>
      <Text size="sm" component="figcaption" data-testid="usage-summary">{summary}</Text>
      {usage && series.length > 0 && (
        <BarChart
          h={height}
          data={chartPoints(usage)}
          dataKey="time"
          series={series}
          type="stacked"
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          valueFormatter={formatCount}
          tickLine="y"
          xAxisProps={{ minTickGap: 24 }}
          barProps={{ isAnimationActive: false }}
        />
      )}
    </Stack>
  );
}
