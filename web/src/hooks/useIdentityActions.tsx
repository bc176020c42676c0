import { Code, Stack, Text } from '@mantine/core';
import { KeywardError, type Identity } from '@keyward/sdk';
import { IconExternalLink } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useDeleteIdentity } from '../api/queries/identities.ts';
import type { RowAction } from '../components/table/RowActionsMenu.tsx';
import { confirmDestructive } from '../confirm.tsx';
import { notifyFailure, notifySuccess } from '../notify.ts';
import { identityPath } from '../paths.ts';
import { deleteAction, editAction } from '../components/table/RowActionsMenu.tsx';

type Handlers = {
  onEdit: (identity: Identity) => void;
  /** After the identity was deleted (its own page goes back to the list). */
  onDeleted?: () => void;
  /** Left out on the identity's own page. */
  withOpen?: boolean;
};

const keysWord = (count: number) => `${count.toLocaleString('en')} ${count === 1 ? 'key' : 'keys'}`;

/**
 * What can be done to an identity: open, edit, delete. Deleting asks first; while keys point
 * at the identity the server refuses (409 CONFLICT), and a second question says so in its
 * words and offers to delete the identity with its keys (`force`). Writes only with identities.write.
 */
export function useIdentityActions(canWrite: boolean, handlers: Handlers): (identity: Identity) => RowAction[] {
  const remove = useDeleteIdentity();
  const navigate = useNavigate();

  const deleted = (message: string) => {
    notifySuccess(message);
    handlers.onDeleted?.();
  };

  const askForce = (identity: Identity, refusal: KeywardError) =>
    confirmDestructive({
      title: 'Identity still has keys',
      message: (
        <Stack gap="sm">
          <Text size="sm" role="alert">{refusal.message}</Text>
          <Text size="sm">
            Delete <Code>{identity.externalId}</Code> and every key that points at it? Calls made with those keys are refused from now on. This cannot be undone.
          </Text>
        </Stack>
      ),
      confirmLabel: 'Delete identity and its keys',
      onConfirm: () =>
        remove.mutate(
          { id: identity.id, force: true },
          {
            onSuccess: () => deleted(`Deleted ${identity.externalId} and its keys.`),
            onError: (error) => notifyFailure('Could not delete the identity', error),
          },
        ),
    });

  const askDelete = (identity: Identity) =>
    confirmDestructive({
      title: 'Delete identity',
      message: (
        <Text size="sm">
          Delete the identity <Code>{identity.externalId}</Code>? Its limits, quota and meta are gone; {identity.keyCount > 0 ? `${keysWord(identity.keyCount)} still point at it.` : 'no key points at it.'}
        </Text>
      ),
      confirmLabel: 'Delete identity',
      onConfirm: () =>
        remove.mutate(
          { id: identity.id, force: false },
          {
            onSuccess: () => deleted(`Deleted ${identity.externalId}.`),
            onError: (error) => {
              if (error instanceof KeywardError && error.status === 409) askForce(identity, error);
              else notifyFailure('Could not delete the identity', error);
            },
          },
        ),
    });

  return (identity) => {
    const actions: RowAction[] = [];
    if (handlers.withOpen !== false) actions.push({ label: 'Open', icon: <IconExternalLink size={16} aria-hidden />, onClick: () => navigate(identityPath(identity.id)) });
    if (!canWrite) return actions;
    actions.push(
      editAction(() => handlers.onEdit(identity)),
      deleteAction(() => askDelete(identity)),
    );
    return actions;
  };
}
