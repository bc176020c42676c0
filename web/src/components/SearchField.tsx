import { TextInput, type TextInputProps } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';

type Props = Omit<TextInputProps, 'value' | 'onChange'> & { value: string; onChange: (value: string) => void };

/** A list's search box: a magnifier before the text, and the text (not the event) to `onChange`. */
export function SearchField({ value, onChange, ...input }: Props) {
  return <TextInput leftSection={<IconSearch size={16} aria-hidden />} value={value} onChange={(event) => onChange(event.currentTarget.value)} {...input} />;
}
