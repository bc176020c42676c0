import { Code, Stack, Text, Tooltip } from '@mantine/core';
import type { Project } from '@keyward/sdk';
import { IconFolders } from '@tabler/icons-react';
import { useState } from 'react';
import { useDeleteProject, useProjectsPage } from '../api/queries/projects.ts';
import { confirmDeleteWithForce } from '../confirm.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProjectFormModal } from '../components/projects/ProjectFormModal.tsx';
import { DataTable, type Column } from '../components/table/DataTable.tsx';
import { useCursorPages } from '../hooks/useCursorPages.ts';
import { useSession } from '../hooks/useSession.ts';
import { exactTime, formatDateTime } from '../model/format.ts';
import { DEFAULT_PAGE_SIZE } from '../model/paging.ts';
import { notifySuccess } from '../notify.ts';
import { deleteAction, editAction } from '../components/table/RowActionsMenu.tsx';
import { CreateButton } from '../components/CreateButton.tsx';

const COLUMNS: Column<Project>[] = [
  { header: 'Name', cell: (project) => <Text size="sm" fw={500}>{project.name}</Text> },
  { header: 'Key prefix', cell: (project) => <Code>{project.keyPrefix}_</Code>, nowrap: true },
  { header: 'Project id', cell: (project) => <Code>{project.id}</Code>, nowrap: true },
  {
    header: 'Created',
    nowrap: true,
    cell: (project) => <Tooltip label={exactTime(project.createdAt)}><time dateTime={project.createdAt}>{formatDateTime(project.createdAt)}</time></Tooltip>,
  },
];

/** Projects: the APIs whose keys Keyward issues, each with its token prefix. */
export function ProjectsPage() {
  const session = useSession();
  const canWrite = session.can('projects.write');
  const [limit, setLimit] = useState(DEFAULT_PAGE_SIZE);
  const pages = useCursorPages(String(limit));
  const projects = useProjectsPage({ limit, cursor: pages.cursor });
  const remove = useDeleteProject();
  const [form, setForm] = useState<{ project?: Project } | null>(null);

  const askDelete = (project: Project) =>
    confirmDeleteWithForce({
      title: 'Delete project',
      question: <>Delete the project <b>{project.name}</b>? This cannot be undone.</>,
      forceLabel: 'Also delete its keys (otherwise a project with keys is not deleted)',
      confirmLabel: 'Delete project',
      onConfirm: (force) => remove.mutate({ id: project.id, force }, { onSuccess: () => notifySuccess(`Deleted ${project.name}.`) }),
    });

  return (
    <Stack gap="md">
      <PageHeader
        title="Projects"
        description="Each API you protect is a project; its key prefix starts every token, so people and secret scanners can tell keys apart."
        actions={canWrite && <CreateButton label="Create project" onClick={() => setForm({})} />}
      />
      <DataTable
        label="Projects"
        columns={COLUMNS}
        rows={projects.data?.items}
        rowKey={(project) => project.id}
        rowName={(project) => project.name}
        actions={canWrite ? (project) => [
          editAction(() => setForm({ project })),
          deleteAction(() => askDelete(project)),
        ] : undefined}
        loading={projects.isFetching}
        minWidth={640}
        cardsOnPhone
        empty={{ icon: <IconFolders size={28} aria-hidden />, title: 'No projects yet', description: 'Create a project for each API whose keys Keyward should manage.' }}
        paging={pages.pagingOf(projects, { limit, onLimitChange: setLimit, noun: { one: 'project', other: 'projects' } })}
      />
      {form && <ProjectFormModal project={form.project} onClose={() => setForm(null)} />}
    </Stack>
  );
}
