import { ActionIcon, Button, Checkbox, Code, EmptyState, Group, Paper, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconFolders, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useDeleteProject, useProjectsPage } from '../api/queries/projects.ts';
import type { Project } from '@keyward/sdk';
import { confirmDestructive } from '../confirm.tsx';
import { CursorPagination } from '../components/CursorPagination.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProjectFormModal } from '../components/projects/ProjectFormModal.tsx';
import { useCursorPages } from '../hooks/useCursorPages.ts';
import { useSession } from '../hooks/useSession.ts';
import { exactTime, formatDateTime } from '../model/format.ts';
import { DEFAULT_PAGE_SIZE } from '../model/paging.ts';
import { notifySuccess } from '../notify.ts';

const COLUMNS = ['Name', 'Key prefix', 'Project id', 'Created', 'Actions'];

/** Projects: the APIs whose keys Keyward issues, each with its token prefix. */
export function ProjectsPage() {
  const session = useSession();
  const canWrite = session.can('projects.write');
  const [limit, setLimit] = useState(DEFAULT_PAGE_SIZE);
  const pages = useCursorPages(String(limit));
  const projects = useProjectsPage({ limit, cursor: pages.cursor });
  // While another page loads, the shown one keeps its own numbers.
  const shownPage = projects.data ? pages.indexOf(projects.data.cursor) : pages.pageIndex;
  const remove = useDeleteProject();
  const [form, setForm] = useState<{ project?: Project } | null>(null);

  const askDelete = (project: Project) => {
    let force = false;
    confirmDestructive({
      title: 'Delete project',
      message: (
        <Stack gap="sm">
          <Text size="sm">Delete the project <b>{project.name}</b>? This cannot be undone.</Text>
          <Checkbox label="Also delete its keys (otherwise a project with keys is not deleted)" onChange={(event) => (force = event.currentTarget.checked)} />
        </Stack>
      ),
      confirmLabel: 'Delete project',
      onConfirm: () => remove.mutate({ id: project.id, force }, { onSuccess: () => notifySuccess(`Deleted ${project.name}.`) }),
    });
  };

  return (
    <Stack gap="md">
      <PageHeader
        title="Projects"
        description="Each API you protect is a project; its key prefix starts every token, so people and secret scanners can tell keys apart."
        actions={canWrite && <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setForm({})}>Create project</Button>}
      />
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={720} type="native" tabIndex={0} role="region" aria-label="Projects table">
          <Table striped highlightOnHover aria-label="Projects" aria-busy={projects.isFetching}>
            <Table.Thead>
              <Table.Tr>{COLUMNS.map((column) => <Table.Th key={column}>{column}</Table.Th>)}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {!projects.data && Array.from({ length: 3 }, (_, row) => (
                <Table.Tr key={row}>{COLUMNS.map((column) => <Table.Td key={column}><Skeleton height={14} /></Table.Td>)}</Table.Tr>
              ))}
              {projects.data?.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={COLUMNS.length}>
                    <EmptyState py="xl" icon={<IconFolders size={28} aria-hidden />} withIndicatorBackground title="No projects yet" description="Create a project for each API whose keys Keyward should manage." />
                  </Table.Td>
                </Table.Tr>
              )}
              {projects.data?.items.map((project) => (
                <Table.Tr key={project.id}>
                  <Table.Td fw={500}>{project.name}</Table.Td>
                  <Table.Td><Code>{project.keyPrefix}_</Code></Table.Td>
                  <Table.Td><Code>{project.id}</Code></Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Tooltip label={exactTime(project.createdAt)}><time dateTime={project.createdAt}>{formatDateTime(project.createdAt)}</time></Tooltip>
                  </Table.Td>
                  <Table.Td>
                    {canWrite && (
                      <Group gap={4} wrap="nowrap">
                        <Tooltip label="Edit">
                          <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${project.name}`} onClick={() => setForm({ project })}><IconPencil size={18} /></ActionIcon>
                        </Tooltip>
                        <Tooltip label="Delete">
                          <ActionIcon variant="subtle" color="red" aria-label={`Delete ${project.name}`} onClick={() => askDelete(project)}><IconTrash size={18} /></ActionIcon>
                        </Tooltip>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <CursorPagination
        noun="projects"
        pageIndex={shownPage}
        busy={projects.isPlaceholderData}
        limit={limit}
        total={projects.data?.total}
        shown={projects.data?.items.length ?? 0}
        hasNext={Boolean(projects.data?.nextCursor)}
        onPrevious={pages.previous}
        onNext={() => projects.data?.nextCursor && pages.next(projects.data.nextCursor)}
        onLimitChange={setLimit}
      />
      {form && <ProjectFormModal project={form.project} onClose={() => setForm(null)} />}
    </Stack>
  );
}
