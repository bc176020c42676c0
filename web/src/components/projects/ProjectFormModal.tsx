import { TextInput } from '@mantine/core';
import type { Project } from '@keyward/sdk';
import { useSaveProject } from '../../api/queries/projects.ts';
import { useDialogForm } from '../../hooks/useDialogForm.ts';
import { emptyProjectForm, projectFormErrors, projectFormFromProject, toProjectBody } from '../../model/project-form.ts';
import { notifySuccess } from '../../notify.ts';
import { FormDialog } from '../dialog/FormDialog.tsx';

type Props = {
  project?: Project;
  onClose: () => void;
  /** A new project was created (the key dialog chooses it for the key it is making). */
  onCreated?: (project: Project) => void;
};

/** Create or edit a project: its name and the prefix that starts every token of its keys. */
export function ProjectFormModal({ project, onClose, onCreated }: Props) {
  const save = useSaveProject();
  const { form, formRef, submitTo, formError } = useDialogForm({
    name: 'project',
    initialValues: project ? projectFormFromProject(project) : emptyProjectForm(),
    check: projectFormErrors,
    live: ['keyPrefix'],
  });

  const submit = submitTo(save, (values) => ({ id: project?.id, body: toProjectBody(values) }), (saved) => {
    notifySuccess(project ? `Saved ${saved.name}.` : `Created ${saved.name}.`);
    if (!project) onCreated?.(saved);
    onClose();
  });

  return (
    <FormDialog title={project ? `Edit ${project.name}` : 'Create project'} onClose={onClose} dirty={form.isDirty()} formRef={formRef} onSubmit={submit} formError={formError} submitLabel={project ? 'Save' : 'Create project'} pending={save.isPending}>
      <TextInput label="Name" required {...form.getInputProps('name')} data-autofocus />
      <TextInput
        label="Key prefix"
        description={project ? 'Starts the tokens issued from now on; existing tokens keep theirs.' : 'Starts every token of this project’s keys (fb → fb_…). Leave empty for a default.'}
        placeholder="fb"
        {...form.getInputProps('keyPrefix')}
        ff="monospace"
        autoComplete="off"
      />
    </FormDialog>
  );
}
