import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSaveProject } from '../../api/queries/projects.ts';
import type { Project } from '@keyward/sdk';
import { fieldErrorsOf } from '../../model/field-errors.ts';
import { emptyProjectForm, projectFormErrors, projectFormFromProject, toProjectBody, type ProjectFormErrors, type ProjectFormValues } from '../../model/project-form.ts';
import { notifySuccess } from '../../notify.ts';

/** Create or edit a project: its name and the prefix that starts every token of its keys. */
export function ProjectFormModal({ project, onClose }: { project?: Project; onClose: () => void }) {
  const save = useSaveProject();
  const [values, setValues] = useState<ProjectFormValues>(() => (project ? projectFormFromProject(project) : emptyProjectForm()));
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<ProjectFormErrors>({});
  const clientErrors = projectFormErrors(values);
  const errors = { ...serverErrors, ...(touched ? clientErrors : { keyPrefix: clientErrors.keyPrefix }) };

  const change = (patch: Partial<ProjectFormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    setServerErrors({});
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(clientErrors).length > 0) return;
    save.mutate(
      { id: project?.id, body: toProjectBody(values) },
      {
        onSuccess: (saved) => {
          notifySuccess(project ? `Saved ${saved.name}.` : `Created ${saved.name}.`);
          onClose();
        },
        onError: (error) => setServerErrors(fieldErrorsOf(error)),
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={project ? `Edit ${project.name}` : 'Create project'}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label="Name" required value={values.name} onChange={(event) => change({ name: event.currentTarget.value })} error={errors.name} data-autofocus />
          <TextInput
            label="Key prefix"
            description={project ? 'Starts the tokens issued from now on; existing tokens keep theirs.' : 'Starts every token of this project’s keys (fb → fb_…). Leave empty for a default.'}
            placeholder="fb"
            value={values.keyPrefix}
            onChange={(event) => change({ keyPrefix: event.currentTarget.value })}
            error={errors.keyPrefix}
            ff="monospace"
            autoComplete="off"
          />
          <Group justify="flex-end" mt="md" gap="xs">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={save.isPending}>{project ? 'Save' : 'Create project'}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
