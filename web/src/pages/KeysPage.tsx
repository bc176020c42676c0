import { Button, Stack } from '@mantine/core';
import type { IssuedKey, Key } from '@keyward/sdk';
import { IconDownload, IconFileImport, IconKey, IconPlus } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useExpiringKeyCount, useExportKeys, useKeyByToken, useKeyProjectNames, useKeysPage } from '../api/queries/keys.ts';
import { useProjects } from '../api/queries/projects.ts';
import { ExpiringSoonBanner } from '../components/keys/ExpiringSoonBanner.tsx';
import { FoundByTokenNotice } from '../components/keys/FoundByTokenNotice.tsx';
import { ImportKeysModal } from '../components/keys/ImportKeysModal.tsx';
import { KeyCreateModal } from '../components/keys/KeyCreateModal.tsx';
import { keyColumns } from '../components/keys/key-columns.tsx';
import { KeyEditModal } from '../components/keys/KeyEditModal.tsx';
import { KeyFilterBar } from '../components/keys/KeyFilterBar.tsx';
import { RegenerateModal } from '../components/keys/RegenerateModal.tsx';
import { TokenModal } from '../components/keys/TokenModal.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { DataTable } from '../components/table/DataTable.tsx';
import { downloadText } from '../download.ts';
import { useCursorPages } from '../hooks/useCursorPages.ts';
import { useKeyActions } from '../hooks/useKeyActions.tsx';
import { useKeyFilters } from '../hooks/useKeyFilters.ts';
import { useSession } from '../hooks/useSession.ts';
import { formatDateTime } from '../model/format.ts';
import { expiringSoonBefore, filtersToQuery, isFiltered, looksLikeToken, type KeyFilters } from '../model/key-filters.ts';
import { emptyKeyForm, type KeyFormValues } from '../model/key-form.ts';
import { keysToCsv } from '../model/keys-csv.ts';

// The charts library is most of a megabyte: loaded when a key's usage is first opened.
const KeyUsageModal = lazy(() => import('../components/keys/KeyUsageModal.tsx').then((module) => ({ default: module.KeyUsageModal })));

/** What the shown-once dialog shows, and the create form to reopen afterwards ("create another"). */
type Issued = { issued: IssuedKey; title: string; then?: KeyFormValues };

/** Settings → API Key Management: the keys table with its filters, dialogs and CSV report. */
export function KeysPage() {
  const session = useSession();
  const canWrite = session.can('keys.write');
  const [filters, setUrlFilters] = useKeyFilters();
  // A pasted token is looked up by its hash, and kept out of the URL (browser history).
  const [pastedToken, setPastedToken] = useState('');
  const setFilters = (next: KeyFilters) => {
    const token = looksLikeToken(next.q) ? next.q.trim() : '';
    setPastedToken(token);
    setUrlFilters(token ? { ...next, q: '' } : next);
  };
  const byToken = useKeyByToken(pastedToken || undefined);
  const pages = useCursorPages(JSON.stringify(filters));
  const expiringBefore = expiringSoonBefore(Date.now());
  const query = filtersToQuery(filters, expiringBefore);
  const keys = useKeysPage({ ...query, limit: filters.limit, cursor: pages.cursor });
  const expiring = useExpiringKeyCount(expiringBefore);
  const projects = useProjects(session.can('projects.read'));
  // Someone who may not list projects still reads the names of her keys' projects.
  const projectNames = useKeyProjectNames(!session.can('projects.read'));
  const namedProjects = projects.data ?? projectNames.data ?? [];
  const projectsById = useMemo(() => new Map<string, { id: string; name: string }>(namedProjects.map((project) => [project.id, project])), [namedProjects]);
  const exportKeys = useExportKeys();

  const [createForm, setCreateForm] = useState<{ values: KeyFormValues; serial: number } | null>(null);
  const [editing, setEditing] = useState<Key | null>(null);
  const [regenerating, setRegenerating] = useState<Key | null>(null);
  const [usageOf, setUsageOf] = useState<Key | null>(null);
  const [importing, setImporting] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  const actions = useKeyActions(canWrite, { onEdit: setEditing, onRegenerate: setRegenerating, onUsage: setUsageOf });

  // Deleting the last key of a page leaves it empty: show the page before.
  const emptyLaterPage = !keys.isPlaceholderData && keys.data?.items.length === 0 && pages.pageIndex > 0;
  const { previous } = pages;
  useEffect(() => {
    if (emptyLaterPage) previous();
    // Only when the page turns out empty, not on every render's new `previous`.
  }, [emptyLaterPage]);

  const openCreate = (values = emptyKeyForm({ projectId: filters.projectId })) =>
    setCreateForm((current) => ({ values, serial: (current?.serial ?? 0) + 1 }));

  const exportCsv = () =>
    exportKeys.mutate(query, {
      onSuccess: (all) => {
        const stamp = formatDateTime(new Date().toISOString()).replace(/[ :]/g, '-');
        downloadText(`keyward-api-keys-${stamp}.csv`, keysToCsv(all, projectsById), 'text/csv;charset=utf-8');
      },
    });

  const closeIssued = () => {
    const then = issued?.then;
    setIssued(null);
    if (then) openCreate(then);
  };

  const filtered = isFiltered(filters);
  const noProjects = projects.data?.length === 0;
  return (
    <Stack gap="md">
      <PageHeader
        title="API Key Management"
        description="Every key, who owns it, what it may do and when it was last used. Tokens are shown once, at creation."
        actions={
          <>
            <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={exportCsv} loading={exportKeys.isPending}>
              Export CSV
            </Button>
            {canWrite && (
              <Button variant="default" leftSection={<IconFileImport size={16} aria-hidden />} onClick={() => setImporting(true)}>
                Import keys
              </Button>
            )}
            {canWrite && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => openCreate()}>
                Create key
              </Button>
            )}
          </>
        }
      />
      <ExpiringSoonBanner count={expiring.data} showing={filters.expiring} onShow={(show) => setFilters({ ...filters, expiring: show })} />
      <KeyFilterBar filters={filters} onChange={setFilters} projects={namedProjects} suggestOwners={session.can('users.read')} pastedToken={pastedToken} />
      {pastedToken && <FoundByTokenNotice found={byToken.data} loading={byToken.isPending} />}
      <DataTable
        label="API keys"
        columns={keyColumns({ offset: (keys.data ? pages.indexOf(keys.data.cursor) : pages.pageIndex) * filters.limit, projectName: (key) => projectsById.get(key.projectId)?.name ?? key.projectId, canWrite })}
        rows={pastedToken ? (byToken.isPending ? undefined : byToken.data ? [byToken.data] : []) : keys.data?.items}
        rowKey={(key) => key.id}
        rowName={(key) => key.name || 'Unnamed key'}
        rowAttributes={(key) => ({ 'data-key-id': key.id })}
        actions={actions}
        loading={pastedToken ? byToken.isFetching : keys.isFetching}
        cardsOnPhone
        spacing="xs"
        actionsBeside
        empty={
          pastedToken
            ? { icon: <IconKey size={28} aria-hidden />, title: 'No key has this token', description: 'None of the keys you may see has this token: it may have been regenerated, deleted, or belong to another system.',
                actions: <Button variant="default" onClick={() => setFilters({ ...filters, q: '' })}>Clear the search</Button> }
            : filtered
            ? { icon: <IconKey size={28} aria-hidden />, title: 'No key matches these filters', description: 'Change the filters or clear them to see every key.',
                actions: <Button variant="default" onClick={() => setFilters({ ...filters, q: '', owner: '', status: '', projectId: '', expiring: false })}>Clear filters</Button> }
            : {
                icon: <IconKey size={28} aria-hidden />,
                title: 'No API keys yet',
                description: !canWrite
                  ? 'You have no key you may see yet; whoever manages Keyward can make one for you.'
                  : noProjects
                    ? 'A key opens one project: the API it is for. Create key asks for the project first, and you can create it right there.'
                    : 'Create a key for each system or person that calls your API; its token is shown once.',
                actions: canWrite && <Button onClick={() => openCreate()}>Create key</Button>,
              }
        }
        paging={pastedToken ? undefined : pages.pagingOf(keys, { limit: filters.limit, onLimitChange: (limit) => setFilters({ ...filters, limit }), noun: { one: 'key', other: 'keys' } })}
      />

      {createForm && (
        <KeyCreateModal
          key={createForm.serial}
          initial={createForm.values}
          projects={namedProjects}
          onClose={() => setCreateForm(null)}
          onCreated={(result, another) => {
            setCreateForm(null);
            setIssued({ issued: result, title: 'API key created', then: another });
          }}
        />
      )}
      {usageOf && (
        <Suspense>
          <KeyUsageModal apiKey={usageOf} onClose={() => setUsageOf(null)} />
        </Suspense>
      )}
      {importing && <ImportKeysModal projects={namedProjects} initialProjectId={filters.projectId} onClose={() => setImporting(false)} />}
      {editing && <KeyEditModal apiKey={editing} onClose={() => setEditing(null)} />}
      {regenerating && (
        <RegenerateModal
          apiKey={regenerating}
          onClose={() => setRegenerating(null)}
          onRegenerated={(result) => {
            setRegenerating(null);
            setIssued({ issued: result, title: 'API key regenerated' });
          }}
        />
      )}
      {issued && <TokenModal issued={issued.issued} title={issued.title} onClose={closeIssued} />}
    </Stack>
  );
}
