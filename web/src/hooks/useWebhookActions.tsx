import type { Webhook } from '@keyward/sdk';
import { IconExternalLink, IconKey, IconSend } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useDeleteWebhook, useRotateWebhookSecret, useSendWebhookTest } from '../api/queries/webhooks.ts';
import type { RowAction } from '../components/table/RowActionsMenu.tsx';
import { confirmDestructive } from '../confirm.tsx';
import { notifySuccess } from '../notify.ts';
import { webhookPath } from '../paths.ts';
import { deleteAction, editAction } from '../components/table/RowActionsMenu.tsx';

type Handlers = {
  onEdit: (webhook: Webhook) => void;
  /** A rotated secret, to show once. */
  onSecret: (secret: string) => void;
  onDeleted?: () => void;
  /** Left out on the webhook's own page. */
  withOpen?: boolean;
};

/**
 * What can be done to a webhook, for its row's menu and its page: open (its delivery log),
 * send a test, edit, rotate the secret and delete (both after asking). Writes need webhooks.write.
 */
export function useWebhookActions(canWrite: boolean, handlers: Handlers): (webhook: Webhook) => RowAction[] {
  const navigate = useNavigate();
  const sendTest = useSendWebhookTest();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();

  const askRotate = (webhook: Webhook) =>
    confirmDestructive({
      title: 'Rotate signing secret',
      message: `Give ${webhook.url} a new signing secret? The old one stops at once: deliveries signed with the new one fail at a receiver that still checks the old.`,
      confirmLabel: 'Rotate secret',
      onConfirm: () => rotate.mutate(webhook.id, { onSuccess: (issued) => handlers.onSecret(issued.secret) }),
    });

  const askDelete = (webhook: Webhook) =>
    confirmDestructive({
      title: 'Delete webhook',
      message: `Delete the webhook to ${webhook.url}? No event goes there any more, and its delivery log goes too.`,
      confirmLabel: 'Delete webhook',
      onConfirm: () => remove.mutate(webhook.id, { onSuccess: () => { notifySuccess('Deleted the webhook.'); handlers.onDeleted?.(); } }),
    });

  return (webhook) => {
    const actions: RowAction[] = [];
    if (handlers.withOpen !== false) actions.push({ label: 'Deliveries', icon: <IconExternalLink size={16} aria-hidden />, onClick: () => navigate(webhookPath(webhook.id)) });
    if (!canWrite) return actions;
    actions.push(
      { label: 'Send a test', icon: <IconSend size={16} aria-hidden />, onClick: () => sendTest.mutate(webhook.id, { onSuccess: () => notifySuccess('Test event queued: see its delivery in the log.') }), disabled: !webhook.enabled },
      editAction(() => handlers.onEdit(webhook)),
      { label: 'Rotate secret', icon: <IconKey size={16} aria-hidden />, onClick: () => askRotate(webhook), danger: true },
      deleteAction(() => askDelete(webhook)),
    );
    return actions;
  };
}
