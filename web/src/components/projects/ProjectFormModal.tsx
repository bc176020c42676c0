import { Button, Group, Stack, TextInput } from '@mantine/core';
import type { Project } from '@keyward/sdk';
import { useSaveProject } from '../../api/queries/projects.ts';
import { useDialogForm } from '../../hooks/useDialogForm.ts';
import { emptyProjectForm, projectFormErrors, projectFormFromProject, toProjectBody } from '../../model/project-form.ts';
import { notifySuccess } from '../../notify.ts';
import { Dialog } from '../dialog/Dialog.tsx';
import { FormError } from '../dialog/FormError.tsx';

type Props = {
  project?: Project;
  onClose: () => void;
  /** A new project was created (the key dialog chooses it for the key it is making). */
  onCreated?: (project: Project) => void;
};

/** Create or edit a project: its name and the prefix that starts every token of its keys. */
export function ProjectFormModal({ project, onClose, onCreated }: Props) {
  const save = useSaveProject();
  const { form, formRef, onSubmit, refused, formError } = useDialogForm({
    name: 'project',
    initialValues: project ? projectFormFromProject(project) : emptyProjectForm(),
    check: projectFormErrors,
    live: ['keyPrefix'],
  });

  const submit = onSubmit((values) =>
    save.mutate(
      { id: project?.id, body: toProjectBody(values) },
      {
        onSuccess: (saved) => {
          notifySuccess(project ? `Saved ${saved.name}.` : `Created ${saved.name}.`);
          if (!project) onCreated?.(saved);
          onClose();
        },
        onError: refused,
      },
    ),
  );

  return (
    <Dialog onClose={onClose} dirty={form.isDirty()} title={project ? `Edit ${project.name}` : 'Create project'}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormError error={formError} />
          <TextInput label="Name" required {...form.getInputProps('name')} data-autofocus />
          <TextInput
            label="Key prefix"
            description={project ? 'Starts the tokens issued from now on; existing tokens keep theirs.' : 'Starts every token of this project’s keys (fb → fb_…). Leave empty for a default.'}
            placeholder="fb"
            {...form.getInputProps('keyPrefix')}
            ff="monospace"
            autoComplete="off"
          />
          <Group justify="flex-end" mt="md" gap="xs">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={save.isPending}>{project ? 'Save' : 'Create project'}</Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
