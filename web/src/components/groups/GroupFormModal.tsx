import { Checkbox, Code, Fieldset, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import type { Group as PermissionGroup } from '@keyward/sdk';
import { useSaveGroup } from '../../api/queries/groups.ts';
import { useDialogForm } from '../../hooks/useDialogForm.ts';
import { useSession } from '../../hooks/useSession.ts';
import { emptyGroupForm, groupFormErrors, groupFormFromGroup, toGroupBody } from '../../model/group-form.ts';
import { ALL_PERMISSIONS, MANAGEMENT_PERMISSIONS } from '../../model/permissions.ts';
import { notifySuccess } from '../../notify.ts';
import { FormDialog } from '../dialog/FormDialog.tsx';

/**
 * Create or edit a permission group: the management permissions as checkboxes (those you do
 * not hold are disabled: you cannot grant them) and free project permissions.
 */
export function GroupFormModal({ group, onClose }: { group?: PermissionGroup; onClose: () => void }) {
  const session = useSession();
  const save = useSaveGroup();
  const { form, formRef, submitTo, formError } = useDialogForm({
    name: 'group',
    initialValues: group ? groupFormFromGroup(group) : emptyGroupForm(),
    check: groupFormErrors,
    live: ['project'],
  });
  const values = form.values;

  const submit = submitTo(save, (submitted) => ({ id: group?.id, body: toGroupBody(submitted) }), (saved) => {
    notifySuccess(group ? `Saved ${saved.name}.` : `Created ${saved.name}.`);
    onClose();
  });

  return (
    <FormDialog title={group ? `Edit ${group.name}` : 'Create permission group'} size="xl" onClose={onClose} dirty={form.isDirty()} formRef={formRef} onSubmit={submit} formError={formError} submitLabel={group ? 'Save' : 'Create group'} pending={save.isPending}>
      <TextInput label="Name" required {...form.getInputProps('name')} data-autofocus />
      <Textarea label="Description" autosize minRows={1} maxRows={3} {...form.getInputProps('description')} />
      <Fieldset legend="Management permissions" variant="filled">
        <Stack gap="sm">
          <Checkbox
            label="Everything (*)"
            description="Every management and project permission, now and later."
            {...form.getInputProps('all', { type: 'checkbox' })}
            disabled={!session.can(ALL_PERMISSIONS)}
          />
          <Checkbox.Group {...form.getInputProps('management')} aria-label="Management permissions">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              {MANAGEMENT_PERMISSIONS.map((permission) => (
                <Checkbox
                  key={permission.name}
                  value={permission.name}
                  label={permission.name}
                  description={session.can(permission.name) ? permission.label : `${permission.label} (you do not hold it)`}
                  disabled={values.all || !session.can(permission.name)}
                />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        </Stack>
      </Fieldset>
      <TagsInput
        label="Project permissions"
        description="The permissions your own APIs check, e.g. feedback.write, or a wildcard such as orders.* (see below). Press Enter after each."
        placeholder={values.project.length === 0 ? 'feedback.read, feedback.write, orders.*' : undefined}
        {...form.getInputProps('project')}
        error={form.getInputProps('project').error ?? form.errors.permissions}
        disabled={values.all}
        splitChars={[',', ' ']}
        clearable
      />
      <Text size="xs" c="dimmed">
        Wildcards: a grant ending in <Code>.*</Code> covers its whole namespace, so <Code>orders.*</Code> covers{' '}
        <Code>orders.read</Code> and <Code>orders.refunds.create</Code> (but not <Code>orders</Code> itself);{' '}
        <Code>*</Code> alone covers everything, like “Everything” above. You can grant only what you hold.
      </Text>
    </FormDialog>
  );
}
