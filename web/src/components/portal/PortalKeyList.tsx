import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { IssuedKey, Key, PortalScope } from '@keyward/sdk';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { usePortalKeysPage } from '../../api/queries/portal.ts';
import { useCursorPages } from '../../hooks/useCursorPages.ts';
import { usePortalKeyActions } from '../../hooks/usePortalKeyActions.tsx';
import { DEFAULT_PAGE_SIZE } from '../../model/paging.ts';
import { TokenModal } from '../keys/TokenModal.tsx';
import { DataTable } from '../table/DataTable.tsx';
import { portalKeyColumns } from './portal-key-columns.tsx';
import { PortalKeyCreateModal } from './PortalKeyCreateModal.tsx';

const PortalKeyUsageModal = lazy(() => import('./PortalKeyUsageModal.tsx'));

/** The identity's keys in the project, with create, usage, regenerate, deactivate and delete. */
export function PortalKeyList({ scope }: { scope: PortalScope }) {
  const [limit, setLimit] = useState(DEFAULT_PAGE_SIZE);
  const pages = useCursorPages(String(limit));
  const keys = usePortalKeysPage({ limit, cursor: pages.cursor });
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<{ issued: IssuedKey; title: string } | null>(null);
  const [usageOf, setUsageOf] = useState<Key | null>(null);
  const actions = usePortalKeyActions({ onUsage: setUsageOf, onRegenerated: (next) => setIssued({ issued: next, title: 'API key regenerated' }) });
  useDocumentTitle(`Your API keys for ${scope.project.name}`);
  const createButton = (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>Create key</Button>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>{scope.project.name}</Title>
          <Text c="dimmed" size="sm" style={{ overflowWrap: 'anywhere' }}>
            API keys of <b>{scope.identity.externalId}</b>. A token is shown once, when its key is created or regenerated: store it then.
          </Text>
        </Stack>
        {createButton}
      </Group>
      <DataTable
        label="Your API keys"
        columns={portalKeyColumns()}
        rows={keys.data?.items}
        rowKey={(key) => key.id}
        rowName={(key) => key.name || 'Unnamed key'}
        rowAttributes={(key) => ({ 'data-key-id': key.id })}
        actions={actions}
        actionsBeside
        loading={keys.isFetching}
        minWidth={720}
        cardsOnPhone
        empty={{ icon: <IconKey size={28} aria-hidden />, title: 'No API keys yet', description: `Create one to call ${scope.project.name} with it.`, actions: createButton }}
        paging={pages.pagingOf(keys, { limit, onLimitChange: setLimit, noun: { one: 'key', other: 'keys' } })}
      />
      {creating && (
        <PortalKeyCreateModal
          scope={scope}
          onClose={() => setCreating(false)}
          onCreated={(next) => {
            setCreating(false);
            setIssued({ issued: next, title: 'API key created' });
          }}
        />
      )}
      {issued && <TokenModal issued={issued.issued} title={issued.title} onClose={() => setIssued(null)} />}
      {usageOf && (
        <Suspense fallback={null}>
          <PortalKeyUsageModal apiKey={usageOf} onClose={() => setUsageOf(null)} />
        </Suspense>
      )}
    </Stack>
  );
}
