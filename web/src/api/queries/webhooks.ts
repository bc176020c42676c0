import type { WebhookCreate, WebhookUpdate } from '@keyward/sdk';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keyward } from '../keyward.ts';
import { atCursor, queryKeys } from '../query-keys.ts';

export function useWebhooksPage(query: { limit: number; cursor?: string }) {
  return useQuery({
    queryKey: [...queryKeys.webhooks, 'page', query],
    queryFn: () => keyward.webhooks.list(query).then(atCursor(query.cursor)),
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load webhooks' },
  });
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
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id?: string; body: WebhookCreate & WebhookUpdate }) =>
      id ? { webhook: await keyward.webhooks.update(id, body), secret: undefined } : keyward.webhooks.create(body),
    meta: { failure: 'Could not save the webhook' },
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.webhooks }),
  });
}

export function useDeleteWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => keyward.webhooks.delete(id),
    meta: { failure: 'Could not delete the webhook' },
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.webhooks }),
  });
}

/** A new signing secret, in force at once (the old one stops), shown once. */
export function useRotateWebhookSecret() {
  return useMutation({ mutationFn: (id: string) => keyward.webhooks.rotateSecret(id), meta: { failure: 'Could not rotate the signing secret' } });
}

/** Queues a test event; its delivery appears in the log. */
export function useSendWebhookTest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => keyward.webhooks.test(id),
    meta: { failure: 'Could not send a test event' },
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.webhooks }),
  });
}
