import { Badge, Button, Code, EmptyState, Group, Paper, Select, Skeleton, Stack, Table, TextInput, Tooltip } from '@mantine/core';
import { IconClipboardList } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAuditPage } from '../api/queries/audit.ts';
import { useAllUsers } from '../api/queries/users.ts';
import type { AuditEvent } from '@keyward/sdk';
import { AuditDetailModal } from '../components/audit/AuditDetailModal.tsx';
import { CursorPagination } from '../components/CursorPagination.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useCursorPages } from '../hooks/useCursorPages.ts';
import { useSession } from '../hooks/useSession.ts';
import { AUDIT_ACTIONS, keyIdError } from '../model/audit.ts';
import { exactTime, formatDateTime } from '../model/format.ts';
import { DEFAULT_PAGE_SIZE } from '../model/paging.ts';

const COLUMNS = ['When', 'Actor', 'Action', 'Target', 'Detail'];
const ANY = 'any';

/** The audit log: every change, newest first, filtered by actor, key and action (kept in the URL). */
export function AuditPage() {
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const actorId = search.get('actorId') ?? '';
  const action = search.get('action') ?? '';
  const [keyText, setKeyText] = useState(search.get('keyId') ?? '');
  const keyError = keyIdError(keyText.trim());
  const keyId = keyError ? '' : keyText.trim();
  const [limit, setLimit] = useState(DEFAULT_PAGE_SIZE);
  const pages = useCursorPages(`${actorId}|${keyId}|${action}|${limit}`);
  const events = useAuditPage({ actorId: actorId || undefined, keyId: keyId || undefined, action: action || undefined, limit, cursor: pages.cursor });
  // While another page loads, the shown one keeps its own numbers.
  const shownPage = events.data ? pages.indexOf(events.data.cursor) : pages.pageIndex;
  const users = useAllUsers(session.can('users.read'));
  const [shown, setShown] = useState<AuditEvent | null>(null);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };

  return (
    <Stack gap="md">
      <PageHeader title="Audit log" description="Every change to projects, users, groups and keys, and every sign-in: who, what and when." />
      <Paper withBorder p="md" radius="md">
        <Group align="flex-start" gap="sm" role="search" aria-label="Filter the audit log">
          {session.can('users.read') && (
            <Select
              label="Actor"
              data={[{ value: ANY, label: 'Anyone' }, ...(users.data ?? []).map((user) => ({ value: user.id, label: user.username }))]}
              value={actorId || ANY}
              onChange={(value) => setFilter('actorId', value === ANY || !value ? '' : value)}
              allowDeselect={false}
              searchable
              w={{ base: '100%', sm: 200 }}
            />
          )}
          <TextInput
            label="Key id"
            placeholder="key_…"
            value={keyText}
            onChange={(event) => {
              setKeyText(event.currentTarget.value);
              const text = event.currentTarget.value.trim();
              if (!keyIdError(text)) setFilter('keyId', text);
            }}
            error={keyError}
            w={{ base: '100%', sm: 300 }}
            ff="monospace"
          />
          <Select
            label="Action"
            data={[{ value: ANY, label: 'Any action' }, ...AUDIT_ACTIONS.map((name) => ({ value: name, label: name }))]}
            value={action || ANY}
            onChange={(value) => setFilter('action', value === ANY || !value ? '' : value)}
            allowDeselect={false}
            w={{ base: '100%', sm: 200 }}
          />
        </Group>
      </Paper>
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={760} type="native" tabIndex={0} role="region" aria-label="Audit events table">
          <Table striped highlightOnHover aria-label="Audit events" aria-busy={events.isFetching}>
            <Table.Thead>
              <Table.Tr>{COLUMNS.map((column) => <Table.Th key={column}>{column}</Table.Th>)}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {!events.data && Array.from({ length: 5 }, (_, row) => (
                <Table.Tr key={row}>{COLUMNS.map((column) => <Table.Td key={column}><Skeleton height={14} /></Table.Td>)}</Table.Tr>
              ))}
              {events.data?.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={COLUMNS.length}>
                    <EmptyState py="xl" icon={<IconClipboardList size={28} aria-hidden />} withIndicatorBackground title="No events match" description="Change or clear the filters." />
                  </Table.Td>
                </Table.Tr>
              )}
              {events.data?.items.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Tooltip label={exactTime(event.at)}><time dateTime={event.at}>{formatDateTime(event.at)}</time></Tooltip>
                  </Table.Td>
                  <Table.Td>{event.actor.name}</Table.Td>
                  <Table.Td><Badge variant="default" tt="none" ff="monospace">{event.action}</Badge></Table.Td>
                  <Table.Td>{event.target.id ? <Code>{event.target.id}</Code> : event.target.type}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="default" onClick={() => setShown(event)} aria-label={`View detail of ${event.action} at ${formatDateTime(event.at)}`}>
                      View
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <CursorPagination
        noun="events"
        pageIndex={shownPage}
        busy={events.isPlaceholderData}
        limit={limit}
        total={events.data?.total}
        shown={events.data?.items.length ?? 0}
        hasNext={Boolean(events.data?.nextCursor)}
        onPrevious={pages.previous}
        onNext={() => events.data?.nextCursor && pages.next(events.data.nextCursor)}
        onLimitChange={setLimit}
      />
      {shown && <AuditDetailModal event={shown} onClose={() => setShown(null)} />}
    </Stack>
  );
}
