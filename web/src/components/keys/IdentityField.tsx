import { Autocomplete } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useIdentitySuggestions } from '../../api/queries/identities.ts';

type Props = {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** Whether the person may list identities, for suggestions (identities.read). */
  suggest: boolean;
  /** Why the identity cannot be changed (the person lacks identities.write), if so. */
  unavailable?: string;
  /** @mantine/form's field attributes (`data-path`, focus and blur). */
  [attribute: string]: unknown;
};

/**
 * The identity (one of your customers) a key belongs to, by its external id, with identities
 * suggested as you type; empty (or cleared) for none. The server looks the id up (an unknown
 * one is refused beside this field: IDENTITY_NOT_FOUND).
 */
export function IdentityField({ value, onChange, error, suggest, unavailable, ...field }: Props) {
  const [typed] = useDebouncedValue(value.trim(), 200);
  const suggestions = useIdentitySuggestions(typed, suggest && !unavailable);
  return (
    <Autocomplete
      {...field}
      label="Identity"
      description={unavailable ?? 'The customer this key belongs to: it shares the identity’s limits and quota, and carries its meta. Leave empty for none.'}
      placeholder="None"
      value={value}
      onChange={onChange}
      data={suggestions.data?.items.map((identity) => identity.externalId) ?? []}
      error={error}
      disabled={Boolean(unavailable)}
      clearable
      clearButtonProps={{ 'aria-label': 'No identity' }}
      autoComplete="off"
      comboboxProps={{ withinPortal: true }}
    />
  );
}
