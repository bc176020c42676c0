import { SegmentedControl } from '@mantine/core';
import { USAGE_RANGES, type UsageRange } from '../../model/usage-series.ts';

/** The period a usage chart covers: the last hour (by the minute), 24 hours, 7 or 30 days (by the hour). */
export function UsageRangeControl({ value, onChange }: { value: UsageRange; onChange: (range: UsageRange) => void }) {
  return (
    <SegmentedControl
      aria-label="Period"
      size="xs"
      value={value}
      onChange={(range) => onChange(range as UsageRange)}
      data={USAGE_RANGES.map((range) => ({ value: range.value, label: range.label }))}
    />
  );
}
