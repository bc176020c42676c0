import { Code, Text } from '@mantine/core';
import type { Key } from '@keyward/sdk';
import { IconChartBar, IconExternalLink, IconPlayerPause, IconPlayerPlay, IconRefresh } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useDeleteKey, useUpdateKey } from '../api/queries/keys.ts';
import type { RowAction } from '../components/table/RowActionsMenu.tsx';
import { confirmDestructive } from '../confirm.tsx';
import { keyDisplay } from '../model/format.ts';
import { notifySuccess } from '../notify.ts';
import { keyPath } from '../paths.ts';
import { deleteAction, editAction } from '../components/table/RowActionsMenu.tsx';

type Handlers = {
  onEdit: (key: Key) => void;
  onRegenerate: (key: Key) => void;
  /** Where the key's usage is shown (left out on the key's own page, which shows it). */
  onUsage?: (key: Key) => void;
  /** After the key was deleted (its own page goes back to the list). */
  onDeleted?: () => void;
  /** Left out on the key's own page. */
  withOpen?: boolean;
};

/**
 * What can be done to a key, for its row's menu and its page: open, usage, edit, regenerate,
 * activate or deactivate, delete (after a confirmation that names it). Writes only with keys.write.
 */
export function useKeyActions(canWrite: boolean, handlers: Handlers): (key: Key) => RowAction[] {
  const update = useUpdateKey();
  const remove = useDeleteKey();
  const navigate = useNavigate();

  const setEnabled = (key: Key, enabled: boolean) =>
    update.mutate({ id: key.id, body: { enabled } }, { onSuccess: () => notifySuccess(`${key.name || 'Unnamed key'} is now ${enabled ? 'active' : 'inactive'}.`) });

  const askDelete = (key: Key) => {
    const name = key.name || 'Unnamed key';
    confirmDestructive({
      title: 'Delete API key',
      message: (
        <Text size="sm">
          Delete the key <b>{name}</b> (<Code>{keyDisplay(key)}</Code>)? Every call made with it is refused from now on. This cannot be undone.
        </Text>
      ),
      confirmLabel: 'Delete key',
      onConfirm: () =>
        remove.mutate(key.id, {
          onSuccess: () => {
            notifySuccess(`Deleted ${name}.`);
            handlers.onDeleted?.();
          },
        }),
    });
  };

  return (key) => {
    const actions: RowAction[] = [];
    if (handlers.withOpen !== false) actions.push({ label: 'Open', icon: <IconExternalLink size={16} aria-hidden />, onClick: () => navigate(keyPath(key.id)) });
    if (handlers.onUsage) {
      const onUsage = handlers.onUsage;
      actions.push({ label: 'Usage', icon: <IconChartBar size={16} aria-hidden />, onClick: () => onUsage(key) });
    }
    if (!canWrite) return actions;
    actions.push(
      editAction(() => handlers.onEdit(key)),
      { label: 'Regenerate', icon: <IconRefresh size={16} aria-hidden />, onClick: () => handlers.onRegenerate(key) },
      key.enabled
        ? { label: 'Deactivate', icon: <IconPlayerPause size={16} aria-hidden />, onClick: () => setEnabled(key, false), danger: true }
        : { label: 'Activate', icon: <IconPlayerPlay size={16} aria-hidden />, onClick: () => setEnabled(key, true) },
      deleteAction(() => askDelete(key)),
    );
    return actions;
  };
}
