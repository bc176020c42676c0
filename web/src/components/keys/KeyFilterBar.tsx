import { Autocomplete, Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback, useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useUserSuggestions } from '../../api/queries/users.ts';
import type { KeyStatus, Project } from '@keyward/sdk';
import type { KeyFilters } from '../../model/key-filters.ts';

type Props = {
  filters: KeyFilters;
  onChange: (filters: KeyFilters) => void;
  projects: Project[];
  /** Whether the person may list users (for owner suggestions). */
  suggestOwners: boolean;
};

// Select needs a non-empty value for "no filter".
const ANY = 'any';

const STATUS_OPTIONS = [
  { value: ANY, label: 'Any status' },
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Inactive' },
  { value: 'expired', label: 'Expired' },
];

/** Search, owner, status and project filters: results as you type, or at once with Search. */
export function KeyFilterBar({ filters, onChange, projects, suggestOwners }: Props) {
  const [q, setQ] = useState(filters.q);
  const [owner, setOwner] = useState(filters.owner);
  const [typedOwner] = useDebouncedValue(owner, 200);
  const suggestions = useUserSuggestions(typedOwner, suggestOwners);

  // The URL may change under us (Back, Clear filters): follow it.
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => setOwner(filters.owner), [filters.owner]);

  const applyTyped = useDebouncedCallback((next: { q: string; owner: string }) => onChange({ ...filters, ...next }), 300);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    applyTyped.cancel();
    onChange({ ...filters, q, owner });
  };

  return (
    <form onSubmit={submit} role="search" aria-label="Filter API keys">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name, description or key start"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            applyTyped({ q: event.currentTarget.value, owner });
          }}
          w={{ base: '100%', sm: 260 }}
        />
        <Autocomplete
          label="Owner"
          placeholder="Username"
          value={owner}
          data={suggestions.data?.items.map((user) => user.username) ?? []}
          onChange={(value) => {
            setOwner(value);
            applyTyped({ q, owner: value });
          }}
          w={{ base: '100%', sm: 180 }}
        />
        <Select
          label="Status"
          data={STATUS_OPTIONS}
          value={filters.status || ANY}
          allowDeselect={false}
          onChange={(value) => onChange({ ...filters, q, owner, status: (value === ANY || !value ? '' : value) as KeyStatus | '' })}
          w={{ base: '100%', sm: 150 }}
        />
        <Select
          label="Project"
          data={[{ value: ANY, label: 'All projects' }, ...projects.map((project) => ({ value: project.id, label: project.name }))]}
          value={filters.projectId || ANY}
          allowDeselect={false}
          searchable
          onChange={(value) => onChange({ ...filters, q, owner, projectId: value === ANY || !value ? '' : value })}
          w={{ base: '100%', sm: 200 }}
        />
        <Button type="submit" leftSection={<IconSearch size={16} aria-hidden />}>
          Search
        </Button>
      </Group>
    </form>
  );
}
