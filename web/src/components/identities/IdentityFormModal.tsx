import { Fieldset, Stack, Textarea, TextInput } from '@mantine/core';
import type { Identity } from '@keyward/sdk';
import { useState } from 'react';
import { useSaveIdentity } from '../../api/queries/identities.ts';
import { useDialogForm } from '../../hooks/useDialogForm.ts';
import { emptyIdentityForm, identityFormErrors, identityFormFromIdentity, toIdentityCreateBody, toIdentityUpdateBody } from '../../model/identity-form.ts';
import { notifySuccess } from '../../notify.ts';
import { FormDialog } from '../dialog/FormDialog.tsx';
import { NamedLimitsField } from '../limits/NamedLimitsField.tsx';
import { QuotaFields } from '../limits/QuotaFields.tsx';

type Props = {
  identity?: Identity;
  onClose: () => void;
  onSaved?: (identity: Identity) => void;
};

/** Create or edit an identity: your id for the customer, its meta (JSON), named limits and shared quota. */
export function IdentityFormModal({ identity, onClose, onSaved }: Props) {
  const save = useSaveIdentity();
  const [initial] = useState(() => (identity ? identityFormFromIdentity(identity) : emptyIdentityForm()));
  const { form, formRef, submitTo, formError } = useDialogForm({
    name: 'identity',
    initialValues: initial,
    check: identityFormErrors,
    live: ['meta', 'ratelimits', 'remaining', 'refillAmount'],
    conflictField: 'externalId',
  });

  const submit = submitTo(save, (values) => ({ id: identity?.id, body: identity ? toIdentityUpdateBody(values, initial) : toIdentityCreateBody(values) }), (saved) => {
    notifySuccess(identity ? `Saved ${saved.externalId}.` : `Created ${saved.externalId}.`);
    onSaved?.(saved);
    onClose();
  });

  return (
    <FormDialog title={identity ? `Edit ${identity.externalId}` : 'Create identity'} size="lg" onClose={onClose} dirty={form.isDirty()} formRef={formRef} onSubmit={submit} formError={formError} errorTitle={identity ? 'Not saved' : 'Not created'} submitLabel={identity ? 'Save' : 'Create identity'} pending={save.isPending}>
      <TextInput
        label="External id"
        description="Your own id for this customer (unique): keys and portal links name the identity by it."
        placeholder="acme-corp"
        required
        autoComplete="off"
        {...form.getInputProps('externalId')}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        data-autofocus
      />
      <Textarea
        label="Meta (JSON)"
        description="A JSON object returned with every verification of its keys (at most 4 KiB), e.g. the plan. Empty for none."
        placeholder={'{\n  "plan": "pro"\n}'}
        autosize
        minRows={3}
        maxRows={10}
        spellCheck={false}
        {...form.getInputProps('meta')}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <NamedLimitsField
        form={form}
        description="Shared by all of this identity’s keys. Those for every verification always apply; the others when a verification names them and the key has no limit of that name."
      />
      <Fieldset legend="Shared quota" variant="filled">
        <Stack gap="sm">
          <QuotaFields form={form} quotaDescription="Spent by every key of this identity (each verification its cost); at 0 they are refused (USAGE_EXCEEDED)." />
        </Stack>
      </Fieldset>
    </FormDialog>
  );
}
