import { Autocomplete, Badge, Button, Collapse, Group, Paper, Select, Stack, VisuallyHidden } from '@mantine/core';
import type { KeyStatus } from '@keyward/sdk';
import { useDebouncedCallback, useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconSearch } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useUserSuggestions } from '../../api/queries/users.ts';
import { activeFilterCount, type KeyFilters } from '../../model/key-filters.ts';
import { KeySearchField } from './KeySearchField.tsx';

type Props = {
  filters: KeyFilters;
  onChange: (filters: KeyFilters) => void;
  /** The projects to filter by: id and name. */
  projects: readonly { id: string; name: string }[];
  /** Whether the person may list users (for owner suggestions). */
  suggestOwners: boolean;
  /** The token being looked up, kept out of `filters` (and so out of the URL). */
  pastedToken: string;
};

// Select needs a non-empty value for "no filter".
const ANY = 'any';

const STATUS_OPTIONS = [
  { value: ANY, label: 'Any status' },
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Inactive' },
  { value: 'expired', label: 'Expired' },
];

/**
 * Search (a name, a description, the start of a key, or a whole pasted token), owner, status
 * and project: results as you type, or at once with Search. On a phone the filters other than
 * Search fold behind one button that counts the active ones.
 */
export function KeyFilterBar({ filters, onChange, projects, suggestOwners, pastedToken }: Props) {
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [unfolded, { toggle }] = useDisclosure(false);
  const [q, setQ] = useState(filters.q);
  const [owner, setOwner] = useState(filters.owner);
  const [typedOwner] = useDebouncedValue(owner, 200);
  const suggestions = useUserSuggestions(typedOwner, suggestOwners);
  const active = activeFilterCount(filters);

  // The URL may change under us (Back, Clear filters): follow it. A pasted token is never in
  // the URL (see looksLikeToken): it stays in the field while it is the search.
  useEffect(() => {
    if (!(pastedToken && q.trim() === pastedToken)) setQ(filters.q);
  }, [filters.q, pastedToken]);
  useEffect(() => setOwner(filters.owner), [filters.owner]);

  const applyTyped = useDebouncedCallback((next: { q: string; owner: string }) => onChange({ ...filters, ...next }), 300);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    applyTyped.cancel();
    onChange({ ...filters, q, owner });
  };

  const more = (
    <>
      <Autocomplete
        label="Owner"
        placeholder="Username"
        value={owner}
        data={suggestions.data?.items.map((user) => user.username) ?? []}
        onChange={(value) => {
          setOwner(value);
          applyTyped({ q, owner: value });
        }}
        w={{ base: '100%', sm: 170 }}
      />
      <Select
        label="Status"
        data={STATUS_OPTIONS}
        value={filters.status || ANY}
        allowDeselect={false}
        onChange={(value) => onChange({ ...filters, q, owner, status: (value === ANY || !value ? '' : value) as KeyStatus | '' })}
        w={{ base: '100%', sm: 140 }}
      />
      <Select
        label="Project"
        data={[{ value: ANY, label: 'All projects' }, ...projects.map((project) => ({ value: project.id, label: project.name }))]}
        value={filters.projectId || ANY}
        allowDeselect={false}
        searchable
        onChange={(value) => onChange({ ...filters, q, owner, projectId: value === ANY || !value ? '' : value })}
        w={{ base: '100%', sm: 190 }}
      />
      <Button type="submit" leftSection={<IconSearch size={16} aria-hidden />}>Search</Button>
    </>
  );

  return (
    <Paper withBorder p={phone ? 'sm' : 'md'} radius="md">
      <form onSubmit={submit} role="search" aria-label="Filter API keys">
        {phone ? (
          <Stack gap="sm">
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <KeySearchField value={q} onChange={(value) => { setQ(value); applyTyped({ q: value, owner }); }} />
              <Button
                variant="default"
                onClick={toggle}
                aria-expanded={unfolded}
                leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
                // Read as "Filters 2 active": the count is part of the button's name.
                rightSection={active > 0 ? <Badge size="sm" circle>{active}<VisuallyHidden> active</VisuallyHidden></Badge> : undefined}
              >
                Filters
              </Button>
            </Group>
            <Collapse expanded={unfolded}>
              <Stack gap="sm">{more}</Stack>
            </Collapse>
          </Stack>
        ) : (
          <Group align="flex-end" gap="sm" wrap="wrap">
            <KeySearchField value={q} onChange={(value) => { setQ(value); applyTyped({ q: value, owner }); }} />
            {more}
          </Group>
        )}
      </form>
    </Paper>
  );
}
