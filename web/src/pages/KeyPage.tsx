import { Button, Code, Group, Loader, Paper, Stack, Title } from '@mantine/core';
import type { IssuedKey } from '@keyward/sdk';
import { IconKey } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useKey, useKeyProjectNames } from '../api/queries/keys.ts';
import { useProjects } from '../api/queries/projects.ts';
import { KeyDetails } from '../components/keys/KeyDetails.tsx';
import { KeyEditModal } from '../components/keys/KeyEditModal.tsx';
import { KeyStatusSwitch } from '../components/keys/KeyStatusSwitch.tsx';
import { KeyVerificationsTable } from '../components/keys/KeyVerificationsTable.tsx';
import { RegenerateModal } from '../components/keys/RegenerateModal.tsx';
import { TokenModal } from '../components/keys/TokenModal.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useKeyActions } from '../hooks/useKeyActions.tsx';
import { useSession } from '../hooks/useSession.ts';
import { keyDisplay } from '../model/format.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { PATHS } from '../paths.ts';

// The charts library is most of a megabyte: loaded with the first chart.
const KeyUsagePanel = lazy(() => import('../components/keys/KeyUsagePanel.tsx'));

/** A key's own page: every field, its usage over time and its recent verifications, with its actions. */
export function KeyPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const canWrite = session.can('keys.write');
  const navigate = useNavigate();
  const key = useKey(id);
  const projects = useProjects(session.can('projects.read'));
  const projectNames = useKeyProjectNames(!session.can('projects.read'));
  const [editing, setEditing] = useState(false);
  const [regenerating, setRegenerating] = useState(false);
  const [issued, setIssued] = useState<IssuedKey | null>(null);
  const actions = useKeyActions(canWrite, {
    onEdit: () => setEditing(true),
    onRegenerate: () => setRegenerating(true),
    onDeleted: () => navigate(PATHS.keys),
    withOpen: false,
  });

  if (key.isPending) return <Loader aria-label="Loading the key" />;
  if (!key.data) return <NotFoundPage />;
  const apiKey = key.data;
  const name = apiKey.name || 'Unnamed key';
  const projectName = [...(projects.data ?? []), ...(projectNames.data ?? [])].find((project) => project.id === apiKey.projectId)?.name ?? apiKey.projectId;

  return (
    <Stack gap="md">
      <PageHeader
        title={name}
        trail={[{ label: 'API Key Management', to: PATHS.keys }]}
        description={<>Key <Code>{keyDisplay(apiKey)}</Code> in {projectName}</>}
        actions={
          <>
            <KeyStatusSwitch apiKey={apiKey} canWrite={canWrite} />
            {actions(apiKey).map((action) => (
              <Button key={action.label} size="sm" variant={action.danger ? 'outline' : 'default'} color={action.danger ? 'red' : undefined} leftSection={action.icon} onClick={action.onClick}>
                {action.label}
              </Button>
            ))}
          </>
        }
      />
      <Paper withBorder p="md" radius="md">
        <KeyDetails apiKey={apiKey} projectName={projectName} />
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">Usage</Title>
        <Suspense fallback={<Loader aria-label="Loading the chart" />}>
          <KeyUsagePanel apiKey={apiKey} />
        </Suspense>
      </Paper>
      <Stack gap="xs">
        <Group gap="xs">
          <IconKey size={18} aria-hidden />
          <Title order={2} size="h4">Recent verifications</Title>
        </Group>
        <KeyVerificationsTable keyId={apiKey.id} />
      </Stack>
      {editing && <KeyEditModal apiKey={apiKey} onClose={() => setEditing(false)} />}
      {regenerating && (
        <RegenerateModal
          apiKey={apiKey}
          onClose={() => setRegenerating(false)}
          onRegenerated={(result) => {
            setRegenerating(false);
            setIssued(result);
          }}
        />
      )}
      {issued && <TokenModal issued={issued} title="API key regenerated" onClose={() => setIssued(null)} />}
    </Stack>
  );
}
