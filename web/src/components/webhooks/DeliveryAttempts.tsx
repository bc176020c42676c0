import { Stack, Text } from '@mantine/core';
import type { WebhookDelivery } from '@keyward/sdk';
import { formatDateTime } from '../../model/format.ts';

/** Each attempt of a delivery: when, the receiver's status (or why none came) and how long it took. */
export function DeliveryAttempts({ delivery }: { delivery: WebhookDelivery }) {
  if (delivery.attempts.length === 0) return <Text size="sm" c="dimmed">Not tried yet</Text>;
  return (
    <Stack gap={2} component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
      {delivery.attempts.map((attempt) => (
        <Text component="li" key={attempt.attempt} size="sm">
          #{attempt.attempt} {formatDateTime(attempt.at)}: {attempt.responseStatus !== null ? `HTTP ${attempt.responseStatus}` : 'no answer'}
          {attempt.error ? ` (${attempt.error})` : ''}, {attempt.durationMs} ms
        </Text>
      ))}
    </Stack>
  );
}
