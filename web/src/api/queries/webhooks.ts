import type { WebhookCreate, WebhookUpdate } from '@keyward/sdk';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keyward } from '../keyward.ts';
import { atCursor, queryKeys } from '../query-keys.ts';
import { useChange, usePageQuery } from './resource-queries.ts';

export function useWebhooksPage(query: { limit: number; cursor?: string }) {
  return usePageQuery(queryKeys.webhooks, query, (q) => keyward.webhooks.list(q), 'Could not load webhooks');
}

export function useWebhook(id: string) {
  return useQuery({ queryKey: [...queryKeys.webhooks, 'one', id], queryFn: () => keyward.webhooks.get(id), meta: { failure: 'Could not load the webhook' } });
}

/** A webhook's delivery log, newest first; asked again every 2 s while shown (retries land there). */
export function useWebhookDeliveries(id: string, query: { limit: number; cursor?: string }) {
  return useQuery({
    queryKey: [...queryKeys.webhooks, 'deliveries', id, query],
    queryFn: () => keyward.webhooks.deliveries(id, query).then(atCursor(query.cursor)),
    placeholderData: keepPreviousData,
    refetchInterval: query.cursor ? false : 2000,
    meta: { failure: 'Could not load the delivery log' },
  });
}

/** Creates (answering the signing secret, shown once) or edits a webhook. */
export function useSaveWebhook() {
  return useChange(
    async ({ id, body }: { id?: string; body: WebhookCreate & WebhookUpdate }) => (id ? { webhook: await keyward.webhooks.update(id, body), secret: undefined } : keyward.webhooks.create(body)),
    'Could not save the webhook',
    [queryKeys.webhooks],
  );
}

export function useDeleteWebhook() {
  return useChange((id: string) => keyward.webhooks.delete(id), 'Could not delete the webhook', [queryKeys.webhooks]);
}

/** A new signing secret, in force at once (the old one stops), shown once. */
export function useRotateWebhookSecret() {
  return useMutation({ mutationFn: (id: string) => keyward.webhooks.rotateSecret(id), meta: { failure: 'Could not rotate the signing secret' } });
}

/** Queues a test event; its delivery appears in the log. */
export function useSendWebhookTest() {
  return useChange((id: string) => keyward.webhooks.test(id), 'Could not send a test event', [queryKeys.webhooks]);
}
