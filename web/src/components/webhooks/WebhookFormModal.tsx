import { MultiSelect, Select, Switch, Textarea, TextInput } from '@mantine/core';
import type { ProjectName, Webhook } from '@keyward/sdk';
import { useSaveWebhook } from '../../api/queries/webhooks.ts';
import { useDialogForm } from '../../hooks/useDialogForm.ts';
import { emptyWebhookForm, toWebhookBody, WEBHOOK_EVENTS, webhookFormErrors, webhookFormFromWebhook } from '../../model/webhook-form.ts';
import { notifySuccess } from '../../notify.ts';
import { FormDialog } from '../dialog/FormDialog.tsx';

// Select needs a non-empty value for "every project".
const EVERY_PROJECT = 'every';

type Props = {
  webhook?: Webhook;
  projects: ProjectName[];
  onClose: () => void;
  /** A new webhook was created: its signing secret, to show once. */
  onCreated?: (secret: string) => void;
};

/** Create or edit a webhook: where its events go, which events, for which project. */
export function WebhookFormModal({ webhook, projects, onClose, onCreated }: Props) {
  const save = useSaveWebhook();
  const { form, formRef, submitTo, formError } = useDialogForm({
    name: 'webhook',
    initialValues: webhook ? webhookFormFromWebhook(webhook) : emptyWebhookForm(),
    check: webhookFormErrors,
    live: ['description'],
  });

  const submit = submitTo(save, (values) => ({ id: webhook?.id, body: toWebhookBody(values) }), (saved) => {
    notifySuccess(webhook ? 'Saved the webhook.' : 'Created the webhook.');
    onClose();
    if (!webhook && saved.secret) onCreated?.(saved.secret);
  });

  return (
    <FormDialog title={webhook ? 'Edit webhook' : 'Create webhook'} size="lg" onClose={onClose} dirty={form.isDirty()} formRef={formRef} onSubmit={submit} formError={formError} submitLabel={webhook ? 'Save' : 'Create webhook'} pending={save.isPending}>
      <TextInput
        label="URL"
        description="Where events are POSTed, signed with the webhook's secret. A public address (private ones only when the server allows them)."
        placeholder="https://example.com/keyward-events"
        required
        {...form.getInputProps('url')}
        autoComplete="off"
        data-autofocus
      />
      <MultiSelect label="Events" description="What to send." data={WEBHOOK_EVENTS.map((event) => ({ ...event }))} {...form.getInputProps('events')} comboboxProps={{ withinPortal: true }} />
      <Select
        label="Project"
        description="Only the events of this project's keys, or of every project."
        data={[{ value: EVERY_PROJECT, label: 'Every project' }, ...projects.map((project) => ({ value: project.id, label: project.name }))]}
        {...form.getInputProps('projectId')}
        value={form.values.projectId || EVERY_PROJECT}
        onChange={(value) => form.setFieldValue('projectId', !value || value === EVERY_PROJECT ? '' : value)}
        allowDeselect={false}
        searchable
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea label="Description" autosize minRows={1} maxRows={3} {...form.getInputProps('description')} />
      <Switch label="Active" description="An inactive webhook gets no new events; its queued deliveries wait." {...form.getInputProps('enabled', { type: 'checkbox' })} />
    </FormDialog>
  );
}
