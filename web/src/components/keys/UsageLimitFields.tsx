import { Fieldset, Group, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { KeyFormValues } from '../../model/key-form.ts';
import { CountInput } from '../limits/CountInput.tsx';
import { QuotaFields } from '../limits/QuotaFields.tsx';

/**
 * Rate limit (verifications per window: the key's limit named `default`), quota (verifications
 * left) and its refill. Empty means none.
 */
export function UsageLimitFields({ form }: { form: UseFormReturnType<KeyFormValues> }) {
  return (
    <Fieldset legend="Usage limits" variant="filled">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">Leave a field empty for no limit. Over a limit, verification answers RATE_LIMITED or USAGE_EXCEEDED.</Text>
        <Group grow align="flex-start" gap="sm" preventGrowOverflow={false} wrap="wrap">
          <CountInput label="Rate limit" description="Verifications per window" placeholder="No limit" min={1} {...form.getInputProps('ratelimitLimit')} miw={180} />
          <CountInput label="Window (seconds)" description="e.g. 60 for a minute" placeholder="No limit" min={1} {...form.getInputProps('ratelimitWindowSeconds')} miw={180} grouped={false} />
        </Group>
        <QuotaFields form={form} quotaDescription="Each verification spends its cost (1 by default); at 0 the key is refused." />
      </Stack>
    </Fieldset>
  );
}
