import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useGroups } from '../../api/queries/groups.ts';
import { useCreateKey } from '../../api/queries/keys.ts';
import type { IssuedKey, Project } from '@keyward/sdk';
import { useSession } from '../../hooks/useSession.ts';
import { fieldErrorsOf } from '../../model/field-errors.ts';
import { keyFormErrors, nextKeyForm, toCreateBody, type KeyFormErrors, type KeyFormValues } from '../../model/key-form.ts';
import { groupChoices } from '../../model/permissions.ts';
import { KeySettingsFields } from './KeySettingsFields.tsx';
import { OwnerField } from './OwnerField.tsx';

type Props = {
  opened: boolean;
  initial: KeyFormValues;
  projects: Project[];
  onClose: () => void;
  /** The key was created; with "Create & create another", `another` holds the next form. */
  onCreated: (issued: IssuedKey, another: KeyFormValues | undefined) => void;
};

/** The create dialog. The page remounts it (a new `key`) for every new form. */
export function KeyCreateModal({ opened, initial, projects, onClose, onCreated }: Props) {
  const session = useSession();
  const groups = useGroups(session.can('groups.read'));
  const create = useCreateKey();
  const [values, setValues] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<KeyFormErrors>({});

  const clientErrors = keyFormErrors(values, 'create');
  const errors: KeyFormErrors = { ...serverErrors, ...clientErrors };
  if (!submitted) delete errors.projectId;

  const change = (patch: Partial<KeyFormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    setServerErrors((current) => {
      const next = { ...current };
      for (const field of Object.keys(patch)) delete next[field as keyof KeyFormValues];
      return next;
    });
  };

  const submit = (another: boolean) => {
    setSubmitted(true);
    if (Object.keys(clientErrors).length > 0) return;
    create.mutate(toCreateBody(values), {
      onSuccess: (issued) => onCreated(issued, another ? nextKeyForm(values) : undefined),
      onError: (error) => setServerErrors(fieldErrorsOf(error)),
    });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(false);
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Create API key" size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Select
            label="Project"
            description={session.can('projects.read') ? undefined : 'You may not list projects (projects.read).'}
            placeholder={projects.length === 0 ? 'Create a project first' : 'Choose a project'}
            data={projects.map((project) => ({ value: project.id, label: `${project.name} (${project.keyPrefix}_…)` }))}
            value={values.projectId || null}
            onChange={(projectId) => change({ projectId: projectId ?? '' })}
            error={errors.projectId}
            searchable
            required
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput label="Name" placeholder="e.g. ingest worker" value={values.name} onChange={(event) => change({ name: event.currentTarget.value })} error={errors.name} data-autofocus />
          <Textarea label="Description" autosize minRows={2} maxRows={4} value={values.description} onChange={(event) => change({ description: event.currentTarget.value })} error={errors.description} />
          <OwnerField value={values.owner} onChange={(owner) => change({ owner })} error={errors.owner} suggest={session.can('users.read')} />
          <KeySettingsFields
            values={values}
            errors={errors}
            onChange={change}
            groupChoices={groupChoices(groups.data ?? [], session.permissions)}
            groupsUnavailable={session.can('groups.read') ? undefined : 'You may not list permission groups (groups.read).'}
          />
          <Group justify="flex-end" mt="md" gap="xs">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button variant="outline" onClick={() => submit(true)} disabled={create.isPending}>
              Create &amp; create another
            </Button>
            <Button type="submit" loading={create.isPending}>Create</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
