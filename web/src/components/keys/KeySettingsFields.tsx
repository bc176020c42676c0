import { MultiSelect, Switch, Textarea } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import type { KeyFormErrors, KeyFormValues } from '../../model/key-form.ts';
import { UsageLimitFields } from './UsageLimitFields.tsx';

type Props = {
  values: KeyFormValues;
  errors: KeyFormErrors;
  onChange: (patch: Partial<KeyFormValues>) => void;
  groupChoices: { value: string; label: string }[];
  /** Why groups cannot be chosen (the person may not read them), if so. */
  groupsUnavailable?: string;
};

/** The settings shared by the create and edit dialogs: groups, expiry, IP allowlist, status, usage limits. */
export function KeySettingsFields({ values, errors, onChange, groupChoices, groupsUnavailable }: Props) {
  return (
    <>
      <MultiSelect
        label="Permission groups"
        description={groupsUnavailable ?? 'Only the groups whose permissions you hold yourself are offered.'}
        placeholder={values.groupIds.length === 0 ? 'No groups' : undefined}
        data={groupChoices}
        value={values.groupIds}
        onChange={(groupIds) => onChange({ groupIds })}
        searchable
        clearable
        disabled={Boolean(groupsUnavailable)}
        error={errors.groupIds}
        comboboxProps={{ withinPortal: true }}
      />
      <DateTimePicker
        label="Expires"
        description="Leave empty for a key that never expires."
        placeholder="Never"
        value={values.expiresAt}
        onChange={(expiresAt) => onChange({ expiresAt: expiresAt || null })}
        clearable
        minDate={new Date()}
        valueFormat="YYYY-MM-DD HH:mm"
        error={errors.expiresAt}
        popoverProps={{ withinPortal: true }}
        // "Never" is the value people read here, so it gets text contrast, not placeholder grey.
        styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
      />
      <Textarea
        label="IP allowlist"
        description="IPv4/IPv6 addresses or CIDR ranges, one per line. Empty allows every address."
        placeholder={'203.0.113.7\n10.0.0.0/8'}
        autosize
        minRows={2}
        maxRows={6}
        value={values.ipAllowlist}
        onChange={(event) => onChange({ ipAllowlist: event.currentTarget.value })}
        error={errors.ipAllowlist}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <Switch
        label="Active"
        description="An inactive key is refused (verification says DISABLED) until it is activated."
        checked={values.enabled}
        onChange={(event) => onChange({ enabled: event.currentTarget.checked })}
      />
      <UsageLimitFields values={values} errors={errors} onChange={onChange} />
    </>
  );
}
