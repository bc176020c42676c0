import { MultiSelect, Switch, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { KeyFormValues } from '../../model/key-form.ts';
import { ExpiryField } from './ExpiryField.tsx';
import { UsageLimitFields } from './UsageLimitFields.tsx';

type Props = {
  form: UseFormReturnType<KeyFormValues>;
  groupChoices: { value: string; label: string }[];
  /** Why groups cannot be chosen (the person may not read them), if so. */
  groupsUnavailable?: string;
};

/** The settings shared by the create and edit dialogs: groups, expiry, IP allowlist, status, usage limits. */
export function KeySettingsFields({ form, groupChoices, groupsUnavailable }: Props) {
  const expiry = form.getInputProps('expiresAt');
  return (
    <>
      <MultiSelect
        label="Permission groups"
        description={groupsUnavailable ?? 'Only the groups whose permissions you hold yourself are offered.'}
        placeholder={form.values.groupIds.length === 0 ? 'No groups' : undefined}
        data={groupChoices}
        {...form.getInputProps('groupIds')}
        searchable
        clearable
        disabled={Boolean(groupsUnavailable)}
        comboboxProps={{ withinPortal: true }}
      />
      <ExpiryField {...expiry} value={form.values.expiresAt} onChange={(expiresAt) => form.setFieldValue('expiresAt', expiresAt)} />
      <Textarea
        label="IP allowlist"
        description="IPv4/IPv6 addresses or CIDR ranges, one per line. Empty allows every address."
        placeholder={'203.0.113.7\n10.0.0.0/8'}
        autosize
        minRows={2}
        maxRows={6}
        {...form.getInputProps('ipAllowlist')}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <Switch
        label="Active"
        description="An inactive key is refused (verification says DISABLED) until it is activated."
        {...form.getInputProps('enabled', { type: 'checkbox' })}
      />
      <UsageLimitFields form={form} />
    </>
  );
}
