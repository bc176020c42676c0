import { Code, Text } from '@mantine/core';
import type { IssuedKey, Key } from '@keyward/sdk';
import { IconChartBar, IconPlayerPause, IconPlayerPlay, IconRefresh } from '@tabler/icons-react';
import { useDeletePortalKey, useRegeneratePortalKey, useUpdatePortalKey } from '../api/queries/portal.ts';
import type { RowAction } from '../components/table/RowActionsMenu.tsx';
import { confirmDestructive } from '../confirm.tsx';
import { keyDisplay } from '../model/format.ts';
import { notifySuccess } from '../notify.ts';
import { deleteAction } from '../components/table/RowActionsMenu.tsx';

type Handlers = {
  onUsage: (key: Key) => void;
  /** The new token, to be shown once. */
  onRegenerated: (issued: IssuedKey) => void;
};

/**
 * What a customer can do to one of her keys in the portal: see its usage, regenerate it (the
 * old token stops at once: the portal offers no grace period), deactivate or activate it, and
 * delete it. Regenerate and delete ask first, naming the key.
 */
export function usePortalKeyActions(handlers: Handlers): (key: Key) => RowAction[] {
  const update = useUpdatePortalKey();
  const regenerate = useRegeneratePortalKey();
  const remove = useDeletePortalKey();
  const nameOf = (key: Key) => key.name || 'Unnamed key';
  const named = (key: Key) => (
    <>
      <b>{nameOf(key)}</b> (<Code>{keyDisplay(key)}</Code>)
    </>
  );

  const setEnabled = (key: Key, enabled: boolean) =>
    update.mutate({ id: key.id, body: { enabled } }, { onSuccess: () => notifySuccess(`${nameOf(key)} is now ${enabled ? 'active' : 'inactive'}.`) });

  const askRegenerate = (key: Key) =>
    confirmDestructive({
      title: 'Regenerate API key',
      message: (
        <Text size="sm">
          Give {named(key)} a new token, shown once? The old token stops working at once: everything that uses it must be given the new one.
        </Text>
      ),
      confirmLabel: 'Regenerate',
      onConfirm: () => regenerate.mutate(key.id, { onSuccess: handlers.onRegenerated }),
    });

  const askDelete = (key: Key) =>
    confirmDestructive({
      title: 'Delete API key',
      message: (
        <Text size="sm">
          Delete the key {named(key)}? Every call made with it is refused from now on. This cannot be undone.
        </Text>
      ),
      confirmLabel: 'Delete key',
      onConfirm: () => remove.mutate(key.id, { onSuccess: () => notifySuccess(`Deleted ${nameOf(key)}.`) }),
    });

  return (key) => [
    { label: 'Usage', icon: <IconChartBar size={16} aria-hidden />, onClick: () => handlers.onUsage(key) },
    { label: 'Regenerate', icon: <IconRefresh size={16} aria-hidden />, onClick: () => askRegenerate(key) },
    key.enabled
      ? { label: 'Deactivate', icon: <IconPlayerPause size={16} aria-hidden />, onClick: () => setEnabled(key, false), danger: true }
      : { label: 'Activate', icon: <IconPlayerPlay size={16} aria-hidden />, onClick: () => setEnabled(key, true) },
    deleteAction(() => askDelete(key)),
  ];
}
