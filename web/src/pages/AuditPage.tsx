import { Badge, Button, Code, Group, Paper, Select, Stack, TextInput, Tooltip } from '@mantine/core';
import { IconClipboardList } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAuditPage } from '../api/queries/audit.ts';
import { useAllUsers } from '../api/queries/users.ts';
import type { AuditEvent } from '@keyward/sdk';
import { AuditDetailModal } from '../components/audit/AuditDetailModal.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { DataTable, type Column } from '../components/table/DataTable.tsx';
import { useCursorPages } from '../hooks/useCursorPages.ts';
import { useSession } from '../hooks/useSession.ts';
import { AUDIT_ACTIONS, keyIdError } from '../model/audit.ts';
import { exactTime, formatDateTime } from '../model/format.ts';
import { DEFAULT_PAGE_SIZE } from '../model/paging.ts';

const ANY = 'any';

function columns(show: (event: AuditEvent) => void): Column<AuditEvent>[] {
  return [
    {
      header: 'When',
      nowrap: true,
      cell: (event) => <Tooltip label={exactTime(event.at)}><time dateTime={event.at}>{formatDateTime(event.at)}</time></Tooltip>,
    },
    { header: 'Actor', cell: (event) => event.actor.name },
    { header: 'Action', cell: (event) => <Badge variant="default" tt="none" ff="monospace">{event.action}</Badge> },
    { header: 'Target', cell: (event) => (event.target.id ? <Code>{event.target.id}</Code> : event.target.type) },
    {
      header: 'Detail',
      cell: (event) => (
        <Button size="compact-xs" variant="default" onClick={() => show(event)} aria-label={`View detail of ${event.action} at ${formatDateTime(event.at)}`}>
          View
        </Button>
      ),
    },
  ];
}

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
      <DataTable
        label="Audit events"
        columns={columns(setShown)}
        rows={events.data?.items}
        rowKey={(event) => event.id}
        rowName={(event) => event.action}
        loading={events.isFetching}
        minWidth={700}
        cardsOnPhone
        empty={{ icon: <IconClipboardList size={28} aria-hidden />, title: 'No events match', description: 'Change or clear the filters.' }}
        paging={pages.pagingOf(events, { limit, onLimitChange: setLimit, noun: { one: 'event', other: 'events' } })}
      />
      {shown && <AuditDetailModal event={shown} onClose={() => setShown(null)} />}
    </Stack>
  );
}
