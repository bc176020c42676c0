import { Code, Text } from '@mantine/core';
import type { RowResult } from '../../model/key-import.ts';
import { keyDisplay } from '../../model/format.ts';

// Shades that read at 4.5:1 on either theme (theme.ts).
/** One import row's state: ready, what is wrong with it, or its result. */
export function ImportRowOutcome({ problem, result }: { problem?: string; result?: RowResult }) {
  if (result?.imported) {
    return (
      <Text size="sm" c="var(--keyward-status-active)" fw={600}>
        Imported <Code fz="xs" style={{ wordBreak: 'break-all' }}>{result.key.id}</Code>{result.key.end && <> ({keyDisplay(result.key)})</>}
      </Text>
    );
  }
  const message = result?.message ?? problem;
  if (!message) return <Text size="sm" c="dimmed">Ready</Text>;
  return <Text size="sm" c="var(--mantine-color-error)">{message}</Text>;
}
