import { Fieldset, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { KeyFormValues } from '../../model/key-form.ts';

const INTERVALS = [
  { value: 'daily', label: 'Every day (UTC midnight)' },
  { value: 'monthly', label: 'Every month (the 1st, UTC)' },
];

/** Rate limit (verifications per window), quota (verifications left) and its refill. Empty means none. */
export function UsageLimitFields({ form }: { form: UseFormReturnType<KeyFormValues> }) {
  return (
    <Fieldset legend="Usage limits" variant="filled">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">Leave a field empty for no limit. Over a limit, verification answers RATE_LIMITED or USAGE_EXCEEDED.</Text>
        <Group grow align="flex-start" gap="sm" preventGrowOverflow={false} wrap="wrap">
          <NumberInput
            label="Rate limit"
            description="Verifications per window"
            placeholder="No limit"
            min={1}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            {...form.getInputProps('ratelimitLimit')}
            miw={180}
          />
          <NumberInput
            label="Window (seconds)"
            description="e.g. 60 for a minute"
            placeholder="No limit"
            min={1}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('ratelimitWindowSeconds')}
            miw={180}
          />
        </Group>
        <NumberInput
          label="Quota (verifications left)"
          description="Each verification spends its cost (1 by default); at 0 the key is refused."
          placeholder="No quota"
          min={0}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=","
          {...form.getInputProps('remaining')}
        />
        <Group grow align="flex-start" gap="sm" preventGrowOverflow={false} wrap="wrap">
          <NumberInput
            label="Refill to"
            description="The quota is set back to this"
            placeholder="No refill"
            min={1}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            {...form.getInputProps('refillAmount')}
            miw={180}
          />
          <Select
            label="Refill"
            description="How often"
            data={INTERVALS}
            {...form.getInputProps('refillInterval')}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            miw={180}
          />
        </Group>
      </Stack>
    </Fieldset>
  );
}
