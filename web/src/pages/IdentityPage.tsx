import { Button, Code, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useIdentity } from '../api/queries/identities.ts';
import { IdentityDetails } from '../components/identities/IdentityDetails.tsx';
import { IdentityFormModal } from '../components/identities/IdentityFormModal.tsx';
import { IdentityKeysTable } from '../components/identities/IdentityKeysTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useIdentityActions } from '../hooks/useIdentityActions.tsx';
import { useSession } from '../hooks/useSession.ts';
import { PATHS } from '../paths.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** An identity's own page: its fields, limits and quota, the keys that point at it, and its actions. */
export function IdentityPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const identity = useIdentity(id);
  const [editing, setEditing] = useState(false);
  const actions = useIdentityActions(session.can('identities.write'), {
    onEdit: () => setEditing(true),
    onDeleted: () => navigate(PATHS.identities),
    withOpen: false,
  });

  if (identity.isPending) return <Loader aria-label="Loading the identity" />;
  if (!identity.data) return <NotFoundPage />;
  const shown = identity.data;

  return (
    <Stack gap="md">
      <PageHeader
        title={shown.externalId}
        trail={[{ label: 'Identities', to: PATHS.identities }]}
        description={<>Identity <Code>{shown.id}</Code></>}
        actions={actions(shown).map((action) => (
          <Button key={action.label} size="sm" variant={action.danger ? 'outline' : 'default'} color={action.danger ? 'red' : undefined} leftSection={action.icon} onClick={action.onClick}>
            {action.label}
          </Button>
        ))}
      />
      <Paper withBorder p="md" radius="md">
        <IdentityDetails identity={shown} />
      </Paper>
      <Stack gap="xs">
        <Group gap="xs">
          <IconKey size={18} aria-hidden />
          <Title order={2} size="h4">Keys</Title>
        </Group>
        {session.can('keys.read')
          ? <IdentityKeysTable identityId={shown.id} />
          : <Text size="sm" c="dimmed">You may not list keys (keys.read).</Text>}
      </Stack>
      {editing && <IdentityFormModal identity={shown} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
