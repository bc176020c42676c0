import type { Webhook, WebhookCreate, WebhookUpdate } from '@keyward/sdk';

/** The key events a webhook can subscribe to (src/domain/webhook-events.ts), with what each means. */
export const WEBHOOK_EVENTS = [
  { value: 'key.created', label: 'key.created: a key was made' },
  { value: 'key.updated', label: 'key.updated: settings or token changed' },
  { value: 'key.expiring', label: 'key.expiring: expires within 7 days' },
  { value: 'key.expired', label: 'key.expired' },
  { value: 'key.disabled', label: 'key.disabled' },
  { value: 'key.deleted', label: 'key.deleted' },
  { value: 'key.leaked', label: 'key.leaked: reported exposed' },
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]['value'];

/** What the webhook dialog holds; `projectId` '' means every project. */
export type WebhookFormValues = { url: string; events: string[]; projectId: string; description: string; enabled: boolean };

export function emptyWebhookForm(): WebhookFormValues {
  return { url: '', events: WEBHOOK_EVENTS.map((event) => event.value), projectId: '', description: '', enabled: true };
}

export function webhookFormFromWebhook(webhook: Webhook): WebhookFormValues {
  return { url: webhook.url, events: webhook.events, projectId: webhook.projectId ?? '', description: webhook.description, enabled: webhook.enabled };
}

/** What is wrong with the values (the server checks the address further: no private ones, no credentials). */
export function webhookFormErrors(values: WebhookFormValues): Partial<Record<keyof WebhookFormValues, string>> {
  const errors: Partial<Record<keyof WebhookFormValues, string>> = {};
  let url: URL | undefined;
  try {
    url = new URL(values.url.trim());
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) errors.url = 'An http:// or https:// address, e.g. https://example.com/keyward-events';
  else if (url.username || url.password) errors.url = 'No user name or password in the address: the signature proves where events come from';
  if (values.events.length === 0) errors.events = 'Choose at least one event';
  if (values.description.length > 1000) errors.description = 'At most 1000 characters';
  return errors;
}

export function toWebhookBody(values: WebhookFormValues): WebhookCreate & WebhookUpdate {
  return {
    url: values.url.trim(),
    events: values.events as WebhookCreate['events'],
    projectId: values.projectId || null,
    description: values.description.trim(),
    enabled: values.enabled,
  };
}
