import { Group, Select } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { QuotaFormValues } from '../../model/quota-form.ts';
import { CountInput } from './CountInput.tsx';

const INTERVALS = [
  { value: 'daily', label: 'Every day (UTC midnight)' },
  { value: 'monthly', label: 'Every month (the 1st, UTC)' },
];

/** A quota (verifications left) and its refill, of a key or an identity. Empty means none. */
export function QuotaFields<Values extends QuotaFormValues>({ form, quotaDescription }: { form: UseFormReturnType<Values>; quotaDescription: string }) {
  return (
    <>
      <CountInput label="Quota (verifications left)" description={quotaDescription} placeholder="No quota" min={0} {...form.getInputProps('remaining')} />
      <Group grow align="flex-start" gap="sm" preventGrowOverflow={false} wrap="wrap">
        <CountInput label="Refill to" description="The quota is set back to this" placeholder="No refill" min={1} {...form.getInputProps('refillAmount')} miw={180} />
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
    </>
  );
}
