import { Button, EmptyState } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PATHS } from '../paths.ts';

/** A dashboard path that does not exist. */
export function NotFoundPage() {
  return (
    <EmptyState mt="xl" icon={<IconMapOff size={28} aria-hidden />} withIndicatorBackground title="Page not found" description="This page does not exist in the Keyward console.">
      <EmptyState.Actions>
        <Button component={Link} to={PATHS.keys}>Go to API keys</Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
