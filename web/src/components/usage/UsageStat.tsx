import { Paper, Text } from '@mantine/core';

/** One number of the usage page, with its label. */
export function UsageStat({ label, value }: { label: string; value: number | undefined }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="sm" c="dimmed">{label}</Text>
      <Text fz="xl" fw={700}>{value === undefined ? '…' : value.toLocaleString('en')}</Text>
    </Paper>
  );
}
