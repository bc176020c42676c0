import { Anchor, Button, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { IssuedKey, ProjectName } from '@keyward/sdk';
import { useState } from 'react';
import { useGroups } from '../../api/queries/groups.ts';
import { useCreateKey } from '../../api/queries/keys.ts';
import { useDialogForm } from '../../hooks/useDialogForm.ts';
import { useSession } from '../../hooks/useSession.ts';
import { keyFormErrors, nextKeyForm, toCreateBody, type KeyFormValues } from '../../model/key-form.ts';
import { groupChoices } from '../../model/permissions.ts';
import { Dialog } from '../dialog/Dialog.tsx';
import { FormError } from '../dialog/FormError.tsx';
import { ProjectFormModal } from '../projects/ProjectFormModal.tsx';
import { KeySettingsFields } from './KeySettingsFields.tsx';
import { OwnerField } from './OwnerField.tsx';

type Props = {
  initial: KeyFormValues;
  /** Full projects, or (for someone who may not list them) the names of her keys' projects. */
  projects: (ProjectName & { keyPrefix?: string })[];
  onClose: () => void;
  /** The key was created; with "Create & create another", `another` holds the next form. */
  onCreated: (issued: IssuedKey, another: KeyFormValues | undefined) => void;
};

/**
 * The create dialog. The page remounts it (a new `key`) for every new form. A project can be
 * created from inside it (first run): that dialog opens above this one, which keeps what was typed.
 */
export function KeyCreateModal({ initial, projects, onClose, onCreated }: Props) {
  const session = useSession();
  const groups = useGroups(session.can('groups.read'));
  const create = useCreateKey();
  const [creatingProject, setCreatingProject] = useState(false);
  const { form, formRef, onSubmit, refused, formError } = useDialogForm({
    name: 'key-create',
    initialValues: initial,
    check: (values) => keyFormErrors(values, 'create'),
    live: ['name', 'description', 'ipAllowlist', 'ratelimitLimit', 'ratelimitWindowSeconds', 'ratelimits', 'remaining', 'refillAmount'],
  });
  const canCreateProject = session.can('projects.write');

  const send = (values: KeyFormValues, another: boolean) =>
    create.mutate(toCreateBody(values), {
      onSuccess: (issued) => onCreated(issued, another ? nextKeyForm(values) : undefined),
      onError: refused,
    });
  const submit = onSubmit((values) => send(values, false));
  const submitAnother = onSubmit((values) => send(values, true));

  return (
    <Dialog onClose={onClose} dirty={form.isDirty()} title="Create API key" size="lg">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormError error={formError} title="Not created" />
          <Stack gap={4}>
            <Select
              label="Project"
              description={session.can('projects.read') ? 'The API this key opens; its prefix starts the token.' : 'You may not list projects (projects.read).'}
              placeholder={projects.length === 0 ? 'No project yet' : 'Choose a project'}
              data={projects.map((project) => ({ value: project.id, label: project.keyPrefix ? `${project.name} (${project.keyPrefix}_…)` : project.name }))}
              {...form.getInputProps('projectId')}
              value={form.values.projectId || null}
              onChange={(projectId) => form.setFieldValue('projectId', projectId ?? '')}
              searchable
              required
              comboboxProps={{ withinPortal: true }}
              data-autofocus={projects.length > 0 ? undefined : true}
            />
            {canCreateProject && (
              <Text size="sm">
                {projects.length === 0 ? 'There is no project yet. ' : 'Not listed? '}
                <Anchor component="button" type="button" size="sm" onClick={() => setCreatingProject(true)}>
                  Create a project
                </Anchor>
              </Text>
            )}
          </Stack>
          <TextInput label="Name" placeholder="e.g. ingest worker" {...form.getInputProps('name')} data-autofocus={projects.length > 0 ? true : undefined} />
          <Textarea label="Description" autosize minRows={2} maxRows={4} {...form.getInputProps('description')} />
          <OwnerField {...form.getInputProps('owner')} value={form.values.owner} suggest={session.can('users.read')} />
          <KeySettingsFields
            form={form}
            groupChoices={groupChoices(groups.data ?? [], session.permissions)}
            groupsUnavailable={session.can('groups.read') ? undefined : 'You may not list permission groups (groups.read).'}
          />
          <Group justify="flex-end" mt="md" gap="xs">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button variant="outline" onClick={() => submitAnother()} disabled={create.isPending}>
              Create &amp; create another
            </Button>
            <Button type="submit" loading={create.isPending}>Create</Button>
          </Group>
        </Stack>
      </form>
      {creatingProject && (
        <ProjectFormModal
          onClose={() => setCreatingProject(false)}
          onCreated={(project) => form.setFieldValue('projectId', project.id)}
        />
      )}
    </Dialog>
  );
}
