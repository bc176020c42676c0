import { MultiSelect, Switch, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useSession } from '../../hooks/useSession.ts';
import type { KeyFormValues } from '../../model/key-form.ts';
import { MAX_NAMED_LIMITS } from '../../model/named-limits.ts';
import { NamedLimitsField } from '../limits/NamedLimitsField.tsx';
import { ExpiryField } from './ExpiryField.tsx';
import { IdentityField } from './IdentityField.tsx';
import { UsageLimitFields } from './UsageLimitFields.tsx';

type Props = {
  form: UseFormReturnType<KeyFormValues>;
  groupChoices: { value: string; label: string }[];
  /** Why groups cannot be chosen (the person may not read them), if so. */
  groupsUnavailable?: string;
};

/** The settings shared by the create and edit dialogs: identity, groups, expiry, IP allowlist, status, usage and named limits. */
export function KeySettingsFields({ form, groupChoices, groupsUnavailable }: Props) {
  const session = useSession();
  const expiry = form.getInputProps('expiresAt');
  const singleLimit = form.values.ratelimitLimit !== '' || form.values.ratelimitWindowSeconds !== '';
  return (
    <>
      <IdentityField
        {...form.getInputProps('externalId')}
        value={form.values.externalId}
        suggest={session.can('identities.read')}
        unavailable={session.can('identities.write') ? undefined : 'Choosing a key’s identity needs identities.write.'}
      />
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
      <NamedLimitsField
        form={form}
        description="Limits with a name and window of their own (requests per second, tokens per day…). Those for every verification always apply; the others when a verification names them. A name the key lacks and its identity has is the identity’s limit, shared by its keys."
        room={singleLimit ? MAX_NAMED_LIMITS - 1 : MAX_NAMED_LIMITS}
      />
    </>
  );
}
