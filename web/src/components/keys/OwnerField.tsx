import { Autocomplete } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useUserSuggestions } from '../../api/queries/users.ts';

type Props = {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** Whether the person may list users, for suggestions. */
  suggest: boolean;
  /** @mantine/form's field attributes (`data-path`, focus and blur). */
  [attribute: string]: unknown;
};

/** The owner's username, with existing users suggested as you type. */
export function OwnerField({ value, onChange, error, suggest, ...field }: Props) {
  const [typed] = useDebouncedValue(value, 200);
  const suggestions = useUserSuggestions(typed, suggest);
  return (
    <Autocomplete
      {...field}
      label="Owner"
      description="The person the key belongs to; they can see and manage it. Leave empty for no owner."
      placeholder="Username"
      value={value}
      onChange={onChange}
      data={suggestions.data?.items.map((user) => user.username) ?? []}
      error={error}
      autoComplete="off"
      comboboxProps={{ withinPortal: true }}
    />
  );
}
