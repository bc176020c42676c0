import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';

/**
 * A refusal that names no field of the form, said at the top of the dialog and scrolled into
 * view (a tall dialog would otherwise show it out of sight).
 */
export function FormError({ error, title = 'Not saved' }: { error: unknown; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const message = error instanceof Error ? error.message : error ? String(error) : '';
  useEffect(() => {
    if (message) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [message]);
  if (!message) return null;
  return (
    <Alert ref={ref} color="red" variant="outline" icon={<IconAlertCircle size={18} aria-hidden />} title={title} role="alert">
      {message}
    </Alert>
  );
}
