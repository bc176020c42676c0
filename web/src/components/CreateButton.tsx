import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';

/** A page's "Create …" button, in its header beside the title. */
export function CreateButton({ label, onClick }: { label: string; onClick: () => void }) {
  return <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onClick}>{label}</Button>;
}
