import type { AuditEvent, Group, IssuedWebhook, Key, Page, Project, User, Webhook, WebhookDelivery } from '@keyward/sdk';
import { formatDetails, formatTable, type Column } from './table.ts';

// How each resource looks in a terminal; `--json` prints the API's own shapes instead.

const list = (values: readonly string[]) => (values.length === 0 ? '-' : values.join(', '));
const when = (iso: string | null) => (iso === null ? 'never' : iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));

export const keyColumns: Column<Key>[] = [
  ['ID', (key) => key.id],
  ['NAME', (key) => key.name || '-'],
  ['KEY', (key) => `${key.start}…${key.end}`],
  ['STATUS', (key) => key.status],
  ['OWNER', (key) => key.owner?.username ?? '-'],
  ['PERMISSIONS', (key) => list(key.permissions)],
  ['LAST USED', (key) => when(key.lastUsedAt)],
];

export function keyDetails(key: Key): string {
  return formatDetails([
    ['ID', key.id],
    ['Name', key.name || '-'],
    ['Description', key.description || '-'],
    ['Key', `${key.start}…${key.end}`],
    ['Project', key.projectId],
    ['Status', key.status],
    ['Owner', key.owner?.username ?? '-'],
    ['Created', `${when(key.createdAt)} by ${key.createdBy?.username ?? '-'}`],
    ['Groups', list(key.groups.map((group) => group.name))],
    ['Permissions', list(key.permissions)],
    ['Expires', when(key.expiresAt)],
    ['Last used', when(key.lastUsedAt)],
    ['IP allowlist', key.ipAllowlist.length === 0 ? 'any address' : key.ipAllowlist.join(', ')],
    ['Rate limit', key.ratelimit ? `${key.ratelimit.limit} per ${key.ratelimit.windowMs} ms` : 'none'],
    ['Remaining', key.remaining === null ? 'unlimited' : String(key.remaining)],
    ['Refill', key.refill ? `${key.refill.amount} ${key.refill.interval}` : 'none'],
    ['Meta', JSON.stringify(key.meta)],
  ]);
}

/** A new or regenerated key: the token is printed once, last, with the warning beside it. */
export function issuedKeyDetails(issued: { key: Key; token: string }): string {
  return `${keyDetails(issued.key)}\n\nToken (shown this once; store it now):\n${issued.token}`;
}

export const projectColumns: Column<Project>[] = [
  ['ID', (project) => project.id],
  ['NAME', (project) => project.name],
  ['KEY PREFIX', (project) => project.keyPrefix],
  ['CREATED', (project) => when(project.createdAt)],
];

export const projectDetails = (project: Project) =>
  formatDetails([['ID', project.id], ['Name', project.name], ['Key prefix', project.keyPrefix], ['Created', when(project.createdAt)]]);

export const userColumns: Column<User>[] = [
  ['ID', (user) => user.id],
  ['USERNAME', (user) => user.username],
  ['ROLE', (user) => user.role],
  ['ACTIVE', (user) => (user.active ? 'yes' : 'no')],
  ['GROUPS', (user) => list(user.groups.map((group) => group.name))],
];

export const userDetails = (user: User) =>
  formatDetails([
    ['ID', user.id],
    ['Username', user.username],
    ['Role', user.role],
    ['Active', user.active ? 'yes' : 'no'],
    ['Groups', list(user.groups.map((group) => group.name))],
    ['Created', when(user.createdAt)],
  ]);

export const groupColumns: Column<Group>[] = [
  ['ID', (group) => group.id],
  ['NAME', (group) => group.name],
  ['PERMISSIONS', (group) => list(group.permissions)],
  ['DESCRIPTION', (group) => group.description || '-'],
];

export const groupDetails = (group: Group) =>
  formatDetails([['ID', group.id], ['Name', group.name], ['Description', group.description || '-'], ['Permissions', list(group.permissions)]]);

export const auditColumns: Column<AuditEvent>[] = [
  ['AT', (event) => when(event.at)],
  ['ACTOR', (event) => event.actor.name],
  ['ACTION', (event) => event.action],
  ['TARGET', (event) => event.target.id ?? event.target.type],
];

export const webhookColumns: Column<Webhook>[] = [
  ['ID', (webhook) => webhook.id],
  ['URL', (webhook) => webhook.url],
  ['PROJECT', (webhook) => webhook.projectId ?? 'every project'],
  ['ENABLED', (webhook) => (webhook.enabled ? 'yes' : 'no')],
  ['EVENTS', (webhook) => list(webhook.events)],
];

export const webhookDetails = (webhook: Webhook) =>
  formatDetails([
    ['ID', webhook.id],
    ['URL', webhook.url],
    ['Project', webhook.projectId ?? 'every project'],
    ['Events', list(webhook.events)],
    ['Enabled', webhook.enabled ? 'yes' : 'no'],
    ['Description', webhook.description || '-'],
    ['Created', `${when(webhook.createdAt)} by ${webhook.createdBy?.username ?? '-'}`],
    ['Updated', when(webhook.updatedAt)],
  ]);

/** A new webhook or a rotated secret: the secret is printed once, last, as a key's token is. */
export function issuedWebhookDetails(issued: IssuedWebhook): string {
  return `${webhookDetails(issued.webhook)}\n\nSigning secret (shown this once; store it now):\n${issued.secret}`;
}

/** The last attempt's answer: the receiver's status, else why no answer came. */
function lastResult(delivery: WebhookDelivery): string {
  const last = delivery.attempts.reduce<WebhookDelivery['attempts'][number] | undefined>((latest, attempt) => (latest && latest.attempt > attempt.attempt ? latest : attempt), undefined);
  if (!last) return '-';
  return last.responseStatus !== null ? `HTTP ${last.responseStatus}` : (last.error ?? '-');
}

export const deliveryColumns: Column<WebhookDelivery>[] = [
  ['ID', (delivery) => delivery.id],
  ['EVENT', (delivery) => delivery.eventType],
  ['STATUS', (delivery) => delivery.status],
  ['CREATED', (delivery) => when(delivery.createdAt)],
  ['ATTEMPTS', (delivery) => String(delivery.attempts.length)],
  ['LAST RESULT', lastResult],
];

/** A page as a table, with how many there are and how to get the next page. */
export function pageTable<Row>(page: Page<Row>, columns: Column<Row>[], noun: string, command: string): string {
  if (page.items.length === 0) return `No ${noun}.`;
  const footer = [`${page.items.length} of ${page.total} ${noun}.`];
  if (page.nextCursor) footer.push(`Next page: ${command} --cursor ${page.nextCursor} (or --all for every page)`);
  return `${formatTable(page.items, columns)}\n\n${footer.join(' ')}`;
}
