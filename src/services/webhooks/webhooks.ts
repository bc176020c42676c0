import { newId } from '../../domain/ids.ts';
import { ProblemError, problems } from '../../domain/problem-error.ts';
import { EVENT_TYPES } from '../../domain/webhook-events.ts';
import { webhookUrlError } from '../../domain/webhook-destination.ts';
import { deriveWebhookSecret, newWebhookSalt, webhookSecretCheck } from '../../domain/webhook-signature.ts';
import type { WebhookTable } from '../../store/database.ts';
import type { Page } from '../../store/cursor.ts';
import type { Repositories } from '../../store/repositories.ts';
import type { DeliveryFilters, DeliveryView } from '../../store/webhook-deliveries.ts';
import { toWebhookView, type WebhookFilters, type WebhookRowWithCreator, type WebhookView } from '../../store/webhooks.ts';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit.ts';
import type { ServiceContext } from '../context.ts';
import { publishTestEvent } from './webhook-outbox.ts';

/** The settings of a webhook. */
export type WebhookSettings = {
  url?: string;
  events?: string[];
  /** A project's id, or null for every project. */
  projectId?: string | null;
  description?: string;
  enabled?: boolean;
};

export type CreateWebhookInput = WebhookSettings & { url: string };

/** A webhook with the only copy of its signing secret: on create and on rotation. */
export type IssuedWebhook = { webhook: WebhookView; secret: string };

function checkUrl(ctx: ServiceContext, url: string | undefined): void {
  if (url === undefined) return;
  const error = webhookUrlError(url, { allowPrivate: ctx.allowPrivateWebhooks });
  if (error) throw problems.validation(`The webhook URL ${error}.`, [{ path: '/url', message: error }]);
}

async function checkProject(repos: Repositories, projectId: string | null | undefined): Promise<void> {
  if (!projectId) return;
  if (!(await repos.projects.find(projectId))) {
    throw new ProblemError(422, 'PROJECT_NOT_FOUND', `No project with id ${projectId}.`, [{ path: '/projectId', message: 'unknown project' }]);
  }
}

async function existingWebhook(repos: Repositories, id: string): Promise<WebhookRowWithCreator> {
  const row = await repos.webhooks.find(id);
  if (!row) throw problems.notFound(`No webhook with id ${id}.`);
  return row;
}

/** A fresh salt and the secret it derives, for a new webhook or a rotation. */
function issueSecret(ctx: ServiceContext, id: string): { salt: string; check: string; secret: string } {
  const salt = newWebhookSalt();
  const secret = deriveWebhookSecret(ctx.secret, id, salt);
  return { salt, check: webhookSecretCheck(secret), secret };
}

export async function listVisibleWebhooks(ctx: ServiceContext, filters: WebhookFilters): Promise<Page<WebhookView>> {
  return ctx.store.webhooks.list(filters);
}

export async function getWebhook(ctx: ServiceContext, id: string): Promise<WebhookView> {
  return toWebhookView(await existingWebhook(ctx.store, id));
}

/**
 * Creates a webhook and answers its signing secret, this once. A webhook sees the events of
 * every key in its scope (one project, or all), whoever owns the key.
 */
export async function createWebhook(ctx: ServiceContext, actor: Actor, input: CreateWebhookInput): Promise<IssuedWebhook> {
  checkUrl(ctx, input.url);
  const now = ctx.clock();
  const at = new Date(now).toISOString();
  const id = newId('whk', now);
  const { salt, check, secret } = issueSecret(ctx, id);
  const creator = actor.userId === 'system' ? null : { id: actor.userId, username: actor.username };
  const row: WebhookTable = {
    id,
    project_id: input.projectId ?? null,
    url: input.url,
    events: JSON.stringify(input.events ?? [...EVENT_TYPES]),
    enabled: input.enabled === false ? 0 : 1,
    description: input.description ?? '',
    secret_salt: salt,
    secret_check: check,
    created_by: creator?.id ?? null,
    created_at: at,
    updated_at: at,
  };
  const view = toWebhookView({ ...row, creator_username: creator?.username ?? null });
  await ctx.write(async (tx) => {
    await checkProject(tx, row.project_id);
    await tx.webhooks.insert(row);
    await recordAudit(tx, actor, { action: 'webhook.created', targetType: 'webhook', targetId: id, detail: { after: view } }, now);
  });
  return { webhook: view, secret };
}

/** Edits a webhook; deliveries already queued go to its new URL. */
export async function updateWebhook(ctx: ServiceContext, actor: Actor, id: string, settings: WebhookSettings): Promise<WebhookView> {
  checkUrl(ctx, settings.url);
  const now = ctx.clock();
  return ctx.write(async (tx) => {
    const before = await existingWebhook(tx, id);
    await checkProject(tx, settings.projectId);
    const changes: Partial<WebhookTable> = { updated_at: new Date(now).toISOString() };
    if (settings.url !== undefined) changes.url = settings.url;
    if (settings.events !== undefined) changes.events = JSON.stringify(settings.events);
    if (settings.projectId !== undefined) changes.project_id = settings.projectId;
    if (settings.description !== undefined) changes.description = settings.description;
    if (settings.enabled !== undefined) changes.enabled = settings.enabled ? 1 : 0;
    await tx.webhooks.update(id, changes);
    const after = toWebhookView({ ...before, ...changes });
    await recordAudit(tx, actor, { action: 'webhook.updated', targetType: 'webhook', targetId: id, detail: { before: toWebhookView(before), after } }, now);
    return after;
  });
}

/** Deletes a webhook with its delivery log; deliveries not yet sent are dropped. */
export async function deleteWebhook(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.clock();
  await ctx.write(async (tx) => {
    const before = await existingWebhook(tx, id);
    await tx.webhooks.delete(id);
    await recordAudit(tx, actor, { action: 'webhook.deleted', targetType: 'webhook', targetId: id, detail: { before: toWebhookView(before) } }, now);
  });
}

/**
 * Gives a webhook a new signing secret, at once: every delivery from now on (retries of older
 * events included) is signed with it, so update the receiver right after.
 */
export async function rotateWebhookSecret(ctx: ServiceContext, actor: Actor, id: string): Promise<IssuedWebhook> {
  const now = ctx.clock();
  const { salt, check, secret } = issueSecret(ctx, id);
  const webhook = await ctx.write(async (tx) => {
    const before = await existingWebhook(tx, id);
    const updatedAt = new Date(now).toISOString();
    await tx.webhooks.update(id, { secret_salt: salt, secret_check: check, updated_at: updatedAt });
    await recordAudit(tx, actor, { action: 'webhook.rotated', targetType: 'webhook', targetId: id, detail: {} }, now);
    return toWebhookView({ ...before, updated_at: updatedAt });
  });
  return { webhook, secret };
}

/** Queues a `webhook.test` event for the webhook; answers its delivery (pending). */
export async function sendTestEvent(ctx: ServiceContext, id: string): Promise<DeliveryView> {
  const now = ctx.clock();
  const deliveryId = await ctx.write(async (tx) => {
    const webhook = await existingWebhook(tx, id);
    if (webhook.enabled !== 1) throw problems.conflict('This webhook is disabled; enable it to send a test event.');
    return publishTestEvent(tx, webhook, now);
  });
  return (await ctx.store.deliveries.find(deliveryId))!;
}

/** A page of the webhook's deliveries (its delivery log), newest first. */
export async function listWebhookDeliveries(ctx: ServiceContext, id: string, filters: DeliveryFilters): Promise<Page<DeliveryView>> {
  await existingWebhook(ctx.store, id);
  return ctx.store.deliveries.list(id, filters);
}
