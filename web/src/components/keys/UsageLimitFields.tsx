import { Fieldset, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import type { Refill } from '@keyward/sdk';
import type { KeyFormErrors, KeyFormValues } from '../../model/key-form.ts';

type Props = {
  values: KeyFormValues;
  errors: KeyFormErrors;
  onChange: (patch: Partial<KeyFormValues>) => void;
};

const INTERVALS = [
  { value: 'daily', label: 'Every day (UTC midnight)' },
  { value: 'monthly', label: 'Every month (the 1st, UTC)' },
];

/** Rate limit (verifications per window), quota (verifications left) and its refill. Empty means none. */
export function UsageLimitFields({ values, errors, onChange }: Props) {
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
            value={values.ratelimitLimit}
            onChange={(ratelimitLimit) => onChange({ ratelimitLimit })}
            error={errors.ratelimitLimit}
            miw={180}
          />
          <NumberInput
            label="Window (seconds)"
            description="e.g. 60 for a minute"
            placeholder="No limit"
            min={1}
            allowDecimal={false}
            allowNegative={false}
            value={values.ratelimitWindowSeconds}
            onChange={(ratelimitWindowSeconds) => onChange({ ratelimitWindowSeconds })}
            error={errors.ratelimitWindowSeconds}
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
          value={values.remaining}
          onChange={(remaining) => onChange({ remaining })}
          error={errors.remaining}
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
            value={values.refillAmount}
            onChange={(refillAmount) => onChange({ refillAmount })}
            error={errors.refillAmount}
            miw={180}
          />
          <Select
            label="Refill"
            description="How often"
            data={INTERVALS}
            value={values.refillInterval}
            allowDeselect={false}
            onChange={(interval) => onChange({ refillInterval: (interval ?? 'daily') as Refill['interval'] })}
            comboboxProps={{ withinPortal: true }}
            miw={180}
          />
        </Group>
      </Stack>
    </Fieldset>
  );
}
