import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A label and its value, as one entry of the details list. */
export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text component="dt" size="xs" c="dimmed" fw={600}>{label}</Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>{children}</Text>
    </Stack>
  );
}
