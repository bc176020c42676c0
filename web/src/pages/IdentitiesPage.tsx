import { Button, Stack } from '@mantine/core';
import type { Identity } from '@keyward/sdk';
import { useDebouncedValue } from '@mantine/hooks';
import { IconId } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useIdentitiesPage } from '../api/queries/identities.ts';
import { IdentityFormModal } from '../components/identities/IdentityFormModal.tsx';
import { IDENTITY_COLUMNS } from '../components/identities/identity-columns.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { DataTable } from '../components/table/DataTable.tsx';
import { useCursorPages } from '../hooks/useCursorPages.ts';
import { useIdentityActions } from '../hooks/useIdentityActions.tsx';
import { useSession } from '../hooks/useSession.ts';
import { DEFAULT_PAGE_SIZE } from '../model/paging.ts';
import { CreateButton } from '../components/CreateButton.tsx';
import { SearchField } from '../components/SearchField.tsx';

/** Identities: your customers, whose keys share their named limits, quota and meta. */
export function IdentitiesPage() {
  const session = useSession();
  const canWrite = session.can('identities.write');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [limit, setLimit] = useState(DEFAULT_PAGE_SIZE);
  const pages = useCursorPages(`${q}|${limit}`);
  const identities = useIdentitiesPage({ q: q || undefined, limit, cursor: pages.cursor });
  const [form, setForm] = useState<{ identity?: Identity } | null>(null);
  const actions = useIdentityActions(canWrite, { onEdit: (identity) => setForm({ identity }) });

  // Deleting the last identity of a page leaves it empty: show the page before.
  const emptyLaterPage = !identities.isPlaceholderData && identities.data?.items.length === 0 && pages.pageIndex > 0;
  const { previous } = pages;
  useEffect(() => {
    if (emptyLaterPage) previous();
    // Only when the page turns out empty, not on every render's new `previous`.
  }, [emptyLaterPage]);

  return (
    <Stack gap="md">
      <PageHeader
        title="Identities"
        description="Your customers: keys point at an identity, share its named rate limits and quota, and carry its meta into every verification answer."
        actions={canWrite && <CreateButton label="Create identity" onClick={() => setForm({})} />}
      />
      <SearchField label="Search identities" placeholder="Part of the external id" value={search} onChange={setSearch} maw={420} />
      <DataTable
        label="Identities"
        columns={IDENTITY_COLUMNS}
        rows={identities.data?.items}
        rowKey={(identity) => identity.id}
        rowName={(identity) => identity.externalId}
        rowAttributes={(identity) => ({ 'data-identity-id': identity.id })}
        actions={actions}
        loading={identities.isFetching}
        minWidth={640}
        cardsOnPhone
        empty={
          q
            ? { icon: <IconId size={28} aria-hidden />, title: 'No identity matches', description: `No external id contains “${q}”.`, actions: <Button variant="default" onClick={() => setSearch('')}>Clear the search</Button> }
            : {
                icon: <IconId size={28} aria-hidden />,
                title: 'No identities yet',
                description: 'Create one per customer of your API; its keys then share its limits and quota, and its meta comes back with each verification.',
                actions: canWrite && <Button onClick={() => setForm({})}>Create identity</Button>,
              }
        }
        paging={pages.pagingOf(identities, { limit, onLimitChange: setLimit, noun: { one: 'identity', other: 'identities' } })}
      />
      {form && <IdentityFormModal identity={form.identity} onClose={() => setForm(null)} />}
    </Stack>
  );
}
