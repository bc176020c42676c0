import { Command, InvalidArgumentError, Option } from 'commander';
import type { WebhookCreate, WebhookDeliveryListQuery, WebhookUpdate } from '@keyward/sdk';
import { EVENT_TYPES } from '../../domain/webhook-events.ts';
import { emit, type CliIo } from '../io.ts';
import { addPaging, clientFor, collect, pageOf, remoteCommand, requireChanges, type RemoteOptions } from '../remote.ts';
import { deliveryColumns, issuedWebhookDetails, pageTable, webhookColumns, webhookDetails } from '../views.ts';
import { addDeleteCommand, addListCommand, addShowCommand, type PagingOptions } from '../resource-commands.ts';

type EventType = (typeof EVENT_TYPES)[number];

const webhooksOf = (io: CliIo, options: RemoteOptions) => clientFor(io, options).webhooks;

/** --event: repeatable, each one of the key events (listed in the help as choices). */
function eventOption(description: string): Option {
  return new Option('--event <type>', description).choices(EVENT_TYPES).argParser((value: string, previous: EventType[] | undefined) => {
    if (!(EVENT_TYPES as readonly string[]).includes(value)) throw new InvalidArgumentError(`Allowed choices are ${EVENT_TYPES.join(', ')}.`);
    return collect(value, previous) as EventType[];
  });
}

/** `keyward webhooks …`: the webhooks that receive key events, their signing secrets and delivery logs. */
export function registerWebhooks(program: Command, io: CliIo): void {
  const webhooks = program.command('webhooks').description('manage the webhooks that receive key events, on a running Keyward');

  const projectQuery = (options: { project?: string }) => (options.project ? { projectId: options.project } : {});
  addListCommand(webhooks, io, { description: 'list webhooks, newest first (never their secrets)', columns: webhookColumns, query: projectQuery, list: (keyward, q) => keyward.webhooks.list(q) })
    .option('--project <id>', "only this project's webhooks and those for every project");
  addShowCommand(webhooks, io, { noun: 'webhook', idPrefix: 'whk', get: (keyward, id) => keyward.webhooks.get(id), details: webhookDetails });

  remoteCommand(webhooks, 'create', 'create a webhook and print its signing secret (shown this once)')
    .argument('<url>', 'where events are POSTed: http(s), a public address unless the server allows private ones')
    .option('--project <id>', "only this project's key events (default: every project's)")
    .addOption(eventOption('a key event to send (repeatable; default: all of them)'))
    .option('--description <text>', 'what the webhook is for')
    .option('--disabled', 'create it switched off (it gets no events until enabled)')
    .addHelpText('after', '\nWith --json the answer is {webhook, secret}; e.g. SECRET=$(keyward webhooks create https://… --json | jq -r .secret)')
    .action(async (url: string, options: RemoteOptions & { project?: string; event?: EventType[]; description?: string; disabled?: boolean }) => {
      const body: WebhookCreate = {
        url,
        ...(options.project !== undefined ? { projectId: options.project } : {}),
        ...(options.event ? { events: options.event } : {}),
        ...(options.description !== undefined ? { description: options.description } : {}),
        ...(options.disabled ? { enabled: false } : {}),
      };
      const issued = await webhooksOf(io, options).create(body);
      emit(io, options.json, issued, () => issuedWebhookDetails(issued));
    });

  remoteCommand(webhooks, 'update', "change a webhook's settings: only the options given")
    .argument('<id>', 'the webhook id (whk_…)')
    .option('--webhook-url <url>', 'where events are POSTed from now on (queued deliveries go there too)')
    .addOption(eventOption('a key event to send (repeatable; replaces its events)'))
    .option('--project <id>', "only this project's key events")
    .addOption(new Option('--all-projects', "every project's key events").conflicts('project'))
    .option('--description <text>', 'what the webhook is for')
    .option('--enable', 'switch it on (queued deliveries are sent again)')
    .addOption(new Option('--disable', 'switch it off (no new events; queued deliveries wait)').conflicts('enable'))
    .addHelpText('after', "\n--url is Keyward's address, as on every command; the webhook's own is --webhook-url.")
    .action(async (id: string, options: RemoteOptions & { webhookUrl?: string; event?: EventType[]; project?: string; allProjects?: boolean; description?: string; enable?: boolean; disable?: boolean }, command: Command) => {
      const body: WebhookUpdate = {
        ...(options.webhookUrl !== undefined ? { url: options.webhookUrl } : {}),
        ...(options.event ? { events: options.event } : {}),
        ...(options.project !== undefined ? { projectId: options.project } : options.allProjects ? { projectId: null } : {}),
        ...(options.description !== undefined ? { description: options.description } : {}),
        ...(options.enable ? { enabled: true } : options.disable ? { enabled: false } : {}),
      };
      requireChanges(body, command);
      const webhook = await webhooksOf(io, options).update(id, body);
      emit(io, options.json, webhook, () => webhookDetails(webhook));
    });

  addDeleteCommand(webhooks, io, { noun: 'webhook', idPrefix: 'whk', description: 'delete a webhook with its delivery log (unsent deliveries are dropped)', remove: (keyward, id) => keyward.webhooks.delete(id) });

  remoteCommand(webhooks, 'rotate-secret', 'give a webhook a new signing secret (printed once); the old one stops at once')
    .argument('<id>', 'the webhook id (whk_…)')
    .addHelpText('after', '\nEvery delivery from now on, retries of earlier events included, is signed with the new secret.')
    .action(async (id: string, options: RemoteOptions) => {
      const issued = await webhooksOf(io, options).rotateSecret(id);
      emit(io, options.json, issued, () => issuedWebhookDetails(issued));
    });

  addPaging(remoteCommand(webhooks, 'deliveries', "list a webhook's deliveries, newest first (kept 30 days once finished)"))
    .argument('<id>', 'the webhook id (whk_…)')
    .addOption(new Option('--status <status>', 'only deliveries in this state').choices(['pending', 'delivered', 'failed']))
    .addHelpText('after', '\nWith --json each delivery holds its payload and every attempt (status, error, duration, the start of the answer).')
    .action(async (id: string, options: RemoteOptions & PagingOptions & { status?: WebhookDeliveryListQuery['status'] }) => {
      const keyward = webhooksOf(io, options);
      const page = await pageOf(options, options.status ? { status: options.status } : {}, (q) => keyward.deliveries(id, q));
      emit(io, options.json, page, () => pageTable(page, deliveryColumns, 'deliveries', `keyward webhooks deliveries ${id}`));
    });

  remoteCommand(webhooks, 'test', 'queue a webhook.test event for this webhook alone, signed and retried like any other')
    .argument('<id>', 'the webhook id (whk_…)')
    .action(async (id: string, options: RemoteOptions) => {
      const delivery = await webhooksOf(io, options).test(id);
      emit(io, options.json, delivery, () => `Queued ${delivery.eventType} as delivery ${delivery.id} (${delivery.status}). Follow it: keyward webhooks deliveries ${id}`);
    });
}
