import { SearchField } from '../SearchField.tsx';

/** The keys search: a name, a description, the start of a key, or a whole token pasted in. */
export function KeySearchField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <SearchField
      label="Search"
      placeholder="Name, key start or a whole token"
      value={value}
      onChange={onChange}
      // A pasted token is a secret: no browser memory of it, no spelling service.
      autoComplete="off"
      spellCheck={false}
      w={{ base: '100%', sm: 300 }}
      style={{ flex: 1 }}
    />
  );
}
