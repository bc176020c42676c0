import { Button, Checkbox, Code, Fieldset, Group, Modal, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSaveGroup } from '../../api/queries/groups.ts';
import type { Group as PermissionGroup } from '@keyward/sdk';
import { useSession } from '../../hooks/useSession.ts';
import { fieldErrorsOf } from '../../model/field-errors.ts';
import { emptyGroupForm, groupFormErrors, groupFormFromGroup, toGroupBody, type GroupFormErrors, type GroupFormValues } from '../../model/group-form.ts';
import { ALL_PERMISSIONS, MANAGEMENT_PERMISSIONS } from '../../model/permissions.ts';
import { notifySuccess } from '../../notify.ts';

/**
 * Create or edit a permission group: the management permissions as checkboxes (those you do
 * not hold are disabled: you cannot grant them) and free project permissions.
 */
export function GroupFormModal({ group, onClose }: { group?: PermissionGroup; onClose: () => void }) {
  const session = useSession();
  const save = useSaveGroup();
  const [values, setValues] = useState<GroupFormValues>(() => (group ? groupFormFromGroup(group) : emptyGroupForm()));
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<GroupFormErrors>({});
  const clientErrors = groupFormErrors(values);
  const errors = { ...serverErrors, ...(touched ? clientErrors : { project: clientErrors.project }) };

  const change = (patch: Partial<GroupFormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    setServerErrors({});
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(clientErrors).length > 0) return;
    save.mutate(
      { id: group?.id, body: toGroupBody(values) },
      {
        onSuccess: (saved) => {
          notifySuccess(group ? `Saved ${saved.name}.` : `Created ${saved.name}.`);
          onClose();
        },
        onError: (error) => setServerErrors(fieldErrorsOf(error)),
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={group ? `Edit ${group.name}` : 'Create permission group'} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label="Name" required value={values.name} onChange={(event) => change({ name: event.currentTarget.value })} error={errors.name} data-autofocus />
          <Textarea label="Description" autosize minRows={1} maxRows={3} value={values.description} onChange={(event) => change({ description: event.currentTarget.value })} error={errors.description} />
          <Fieldset legend="Management permissions" variant="filled">
            <Stack gap="sm">
              <Checkbox
                label="Everything (*)"
                description="Every management and project permission, now and later."
                checked={values.all}
                disabled={!session.can(ALL_PERMISSIONS)}
                onChange={(event) => change({ all: event.currentTarget.checked })}
              />
              <Checkbox.Group value={values.management} onChange={(management) => change({ management })} aria-label="Management permissions">
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
            value={values.project}
            onChange={(project) => change({ project })}
            disabled={values.all}
            error={errors.project ?? errors.permissions}
            splitChars={[',', ' ']}
            clearable
          />
          <Text size="xs" c="dimmed">
            Wildcards: a grant ending in <Code>.*</Code> covers its whole namespace, so <Code>orders.*</Code> covers{' '}
            <Code>orders.read</Code> and <Code>orders.refunds.create</Code> (but not <Code>orders</Code> itself);{' '}
            <Code>*</Code> alone covers everything, like “Everything” above. You can grant only what you hold.
          </Text>
          <Group justify="flex-end" mt="md" gap="xs">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={save.isPending}>{group ? 'Save' : 'Create group'}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
