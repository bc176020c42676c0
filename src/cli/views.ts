import type { AuditEvent, Group, Identity, IssuedWebhook, Key, LimitAnswer, NamedLimit, Page, PortalSession, Project, User, VerifyResult, Webhook, WebhookDelivery } from '@keyward/sdk';
import { namedLimitInWords } from './option-values.ts';
import { formatDetails, formatTable, type Column } from './table.ts';

// How each resource looks in a terminal; `--json` prints the API's own shapes instead.

const list = (values: readonly string[]) => (values.length === 0 ? '-' : values.join(', '));
const when = (iso: string | null) => (iso === null ? 'never' : iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));

const limitsInWords = (limits: readonly NamedLimit[]) => (limits.length === 0 ? 'none' : limits.map(namedLimitInWords).join(', '));
const quotaInWords = (remaining: number | null) => (remaining === null ? 'unlimited' : String(remaining));
const refillInWords = (refill: { amount: number; interval: string } | null) => (refill ? `${refill.amount} ${refill.interval}` : 'none');

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
    ['Identity', key.identity ? `${key.identity.externalId} (${key.identity.id})` : '-'],
    ['Created', `${when(key.createdAt)} by ${key.createdBy?.username ?? '-'}`],
    ['Groups', list(key.groups.map((group) => group.name))],
    ['Permissions', list(key.permissions)],
    ['Expires', when(key.expiresAt)],
    ['Last used', when(key.lastUsedAt)],
    ['IP allowlist', key.ipAllowlist.length === 0 ? 'any address' : key.ipAllowlist.join(', ')],
    // The single rate limit below is the one named default; the others are listed here.
    ['Named limits', limitsInWords(key.ratelimits.filter((limit) => limit.name !== 'default'))],
    ['Rate limit', key.ratelimit ? `${key.ratelimit.limit} per ${key.ratelimit.windowMs} ms` : 'none'],
    ['Remaining', quotaInWords(key.remaining)],
    ['Refill', refillInWords(key.refill)],
    ['Meta', JSON.stringify(key.meta)],
  ]);
}

/** A new or regenerated key: the token is printed once, last, with the warning beside it. */
export function issuedKeyDetails(issued: { key: Key; token: string }): string {
  return `${keyDetails(issued.key)}\n\nToken (shown this once; store it now):\n${issued.token}`;
}

export const identityColumns: Column<Identity>[] = [
  ['ID', (identity) => identity.id],
  ['EXTERNAL ID', (identity) => identity.externalId],
  ['KEYS', (identity) => String(identity.keyCount)],
  ['LIMITS', (identity) => limitsInWords(identity.ratelimits)],
  ['REMAINING', (identity) => quotaInWords(identity.remaining)],
  ['CREATED', (identity) => when(identity.createdAt)],
];

export const identityDetails = (identity: Identity) =>
  formatDetails([
    ['ID', identity.id],
    ['External ID', identity.externalId],
    ['Keys', String(identity.keyCount)],
    ['Limits', limitsInWords(identity.ratelimits)],
    ['Remaining', `${quotaInWords(identity.remaining)}${identity.remaining === null ? '' : ' (shared by its keys)'}`],
    ['Refill', refillInWords(identity.refill)],
    ['Meta', JSON.stringify(identity.meta)],
    ['Created', when(identity.createdAt)],
    ['Updated', when(identity.updatedAt)],
  ]);

/** How a limit stood after a verification: `tokens: 4 of 10 left, resets 2026-… (exceeded)`. */
const limitStanding = (limit: LimitAnswer) =>
  `${limit.name}: ${limit.remaining} of ${limit.limit} left, room again ${when(limit.resetAt)}${limit.exceeded ? ' (exceeded)' : ''}`;

/** A verification answer: the key's details when it is valid, the code (and the limits) either way. */
export function verificationDetails(result: VerifyResult): string {
  const limits: [string, string][] = result.ratelimits?.length ? [['Limits', result.ratelimits.map(limitStanding).join('; ')]] : [];
  if (!result.valid) return formatDetails([['Result', `${result.code} (not valid)`], ...limits]);
  return formatDetails([
    ['Result', `${result.code} (valid)`],
    ['Key', result.keyId ?? '-'],
    ['Project', result.projectId ?? '-'],
    ['Owner', result.ownerId ?? '-'],
    ['Identity', result.identity ? `${result.identity.externalId} (${result.identity.id})` : '-'],
    ['Permissions', (result.permissions ?? []).join(', ') || '-'],
    ['Expires', result.expiresAt ?? 'never'],
    ...limits,
    ...(result.remaining !== undefined ? [['Remaining', String(result.remaining)] as [string, string]] : []),
  ]);
}

/** A portal link: the address, printed last on its own line, so it can be copied whole. */
export const portalSessionDetails = (session: PortalSession) =>
  `Portal link (works once, until ${when(session.expiresAt)}):\n${session.url}`;

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
