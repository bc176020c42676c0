import { Badge, Button, Code, Group, Loader, Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useKeyProjectNames } from '../api/queries/keys.ts';
import { useProjects } from '../api/queries/projects.ts';
import { useWebhook } from '../api/queries/webhooks.ts';
import { DateText } from '../components/DateText.tsx';
import { Detail } from '../components/Detail.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { DeliveriesTable } from '../components/webhooks/DeliveriesTable.tsx';
import { SecretModal } from '../components/webhooks/SecretModal.tsx';
import { WebhookFormModal } from '../components/webhooks/WebhookFormModal.tsx';
import { useSession } from '../hooks/useSession.ts';
import { useWebhookActions } from '../hooks/useWebhookActions.tsx';
import { PATHS } from '../paths.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** A webhook's own page: its settings, its actions and its delivery log. */
export function WebhookPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const canWrite = session.can('webhooks.write');
  const navigate = useNavigate();
  const webhook = useWebhook(id);
  const projects = useProjects(session.can('projects.read'));
  const projectNames = useKeyProjectNames(!session.can('projects.read') && session.can('keys.read'));
  const named = projects.data ?? projectNames.data ?? [];
  const [editing, setEditing] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const actions = useWebhookActions(canWrite, { onEdit: () => setEditing(true), onSecret: setSecret, onDeleted: () => navigate(PATHS.webhooks), withOpen: false });

  if (webhook.isPending) return <Loader aria-label="Loading the webhook" />;
  if (!webhook.data) return <NotFoundPage />;
  const hook = webhook.data;
  const projectName = hook.projectId === null ? 'Every project' : named.find((project) => project.id === hook.projectId)?.name ?? hook.projectId;

  return (
    <Stack gap="md">
      <PageHeader
        title="Webhook"
        trail={[{ label: 'Webhooks', to: PATHS.webhooks }]}
        description={<Code>{hook.url}</Code>}
        actions={actions(hook).map((action) => (
          <Button key={action.label} size="sm" variant={action.danger ? 'outline' : 'default'} color={action.danger ? 'red' : undefined} leftSection={action.icon} onClick={action.onClick} disabled={action.disabled}>
            {action.label}
          </Button>
        ))}
      />
      <Paper withBorder p="md" radius="md">
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm" m={0}>
          <Detail label="URL"><Code>{hook.url}</Code></Detail>
          <Detail label="Status">{hook.enabled ? 'Active' : 'Inactive'}</Detail>
          <Detail label="Project">{projectName}</Detail>
          <Detail label="Events"><Group gap={4} component="span">{hook.events.map((event) => <Badge key={event} variant="default" size="sm" tt="none" ff="monospace">{event}</Badge>)}</Group></Detail>
          <Detail label="Description">{hook.description || 'None'}</Detail>
          <Detail label="Created"><DateText iso={hook.createdAt} show="dateTime" />{hook.createdBy ? ` by ${hook.createdBy.username}` : ''}</Detail>
        </SimpleGrid>
      </Paper>
      <Title order={2} size="h4">Deliveries</Title>
      <DeliveriesTable webhookId={hook.id} />
      {editing && <WebhookFormModal webhook={hook} projects={named} onClose={() => setEditing(false)} />}
      {secret && <SecretModal secret={secret} title="Signing secret rotated" onClose={() => setSecret(null)} />}
    </Stack>
  );
}
