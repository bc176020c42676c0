import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../domain/ids.ts';
import { ProblemError, problems } from '../domain/problem-error.ts';
import { generateToken } from '../domain/token.ts';
import type { PortalSessionTable } from '../store/database.ts';
import type { GroupRef } from '../store/groups.ts';
import type { KeyRowWithPeople, KeyView } from '../store/key-views.ts';
import type { Repositories } from '../store/repositories.ts';
import type { Actor } from './actor.ts';
import { recordAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { resolveGrantableGroups } from './groups.ts';
import { actorAsItStands } from './key-access.ts';

/** What one portal session may reach: one identity's keys in one project, and these groups. */
export type PortalScope = {
  sessionId: string;
  project: { id: string; name: string };
  identity: { id: string; externalId: string };
  groups: GroupRef[];
  returnUrl: string | null;
  expiresAt: string;
  csrfToken: string;
};

export const PORTAL_TTL = { default: 300, max: 3600 };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// Links look like tokens, so every log line masks them as it masks tokens (request-log.ts).
const LINK_PREFIX = 'portal';

function returnUrlError(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'must be http(s)';
  if (parsed.username || parsed.password) return 'must not carry a user name or password';
  return undefined;
}

/**
 * A single-use link to the self-service portal for one identity's keys in one project. Whoever
 * asks (holding portal.write) must hold the permissions of the groups the portal may hand out:
 * the customer will make keys with them.
 */
export async function createPortalSession(ctx: ServiceContext, actor: Actor, input: { projectId: string; externalId: string; groupIds?: string[]; returnUrl?: string; ttlSeconds?: number }, baseUrl: string): Promise<{ url: string; expiresAt: string }> {
  const error = input.returnUrl !== undefined ? returnUrlError(input.returnUrl) : undefined;
  if (error) throw problems.validation(`returnUrl ${error}.`, [{ path: '/returnUrl', message: error }]);
  const now = ctx.clock();
  const ttlSeconds = input.ttlSeconds ?? PORTAL_TTL.default;
  const link = generateToken(LINK_PREFIX);
  const expiresAt = new Date(now + ttlSeconds * 1000).toISOString();
  await ctx.write(async (tx) => {
    const project = await tx.projects.find(input.projectId, 'share');
    if (!project) throw new ProblemError(422, 'PROJECT_NOT_FOUND', `No project with id ${input.projectId}.`, [{ path: '/projectId', message: 'unknown project' }]);
    const identity = await tx.identities.findByExternalId(input.externalId, 'share');
    if (!identity) throw new ProblemError(422, 'IDENTITY_NOT_FOUND', `No identity with externalId "${input.externalId}"; create it first with POST /v1/identities.`, [{ path: '/externalId', message: 'unknown identity' }]);
    const current = await actorAsItStands(tx, actor);
    const groups = await resolveGrantableGroups(tx, current, input.groupIds ?? [], [], 'Offering these groups in the portal');
    const row: PortalSessionTable = {
      id: newId('psn', now),
      link_hash: sha256(link),
      session_hash: null,
      project_id: project.id,
      identity_id: identity.id,
      group_ids: JSON.stringify(groups.map((group) => group.id)),
      return_url: input.returnUrl ?? null,
      ttl_seconds: ttlSeconds,
      csrf_token: randomBytes(32).toString('base64url'),
      link_expires_at: expiresAt,
      used_at: null,
      session_expires_at: null,
      created_by: actor.userId === 'system' ? null : actor.userId,
      created_at: new Date(now).toISOString(),
    };
    await tx.portal.insert(row);
    await recordAudit(tx, actor, { action: 'portal.link.created', targetType: 'identity', targetId: identity.id, detail: { portalSessionId: row.id, projectId: project.id, groupIds: groups.map((group) => group.id), ttlSeconds } }, now);
  });
  return { url: `${baseUrl.replace(/\/+$/, '')}/portal/link/${link}`, expiresAt };
}

function linkGone(code: 'PORTAL_LINK_USED' | 'PORTAL_LINK_EXPIRED'): ProblemError {
  return new ProblemError(410, code, code === 'PORTAL_LINK_USED'
    ? 'This portal link was used already; ask for a new one where you got it.'
    : 'This portal link has expired; ask for a new one where you got it.');
}

/**
 * The first use of a link: it becomes a session (the cookie returned), lasting the link's TTL
 * from now. Any later use, or one after the link expired, is 410.
 */
export async function openPortalLink(ctx: ServiceContext, link: string): Promise<{ cookie: string; maxAgeSeconds: number }> {
  const row = await ctx.store.portal.findByLink(sha256(link));
  if (!row) throw problems.notFound('No such portal link.');
  const now = ctx.clock();
  const cookie = randomBytes(32).toString('base64url');
  const opened = await ctx.write(async (tx) => {
    const usedAt = new Date(now).toISOString();
    if (!(await tx.portal.open(row.id, { sessionHash: sha256(cookie), usedAt, sessionExpiresAt: new Date(now + row.ttl_seconds * 1000).toISOString() }))) return false;
    await recordAudit(tx, portalActor(row.id, row.identity_id), { action: 'portal.session.opened', targetType: 'identity', targetId: row.identity_id, detail: { portalSessionId: row.id } }, now);
    return true;
  });
  if (!opened) {
    const again = await ctx.store.portal.findByLink(sha256(link));
    throw linkGone(again?.used_at ? 'PORTAL_LINK_USED' : 'PORTAL_LINK_EXPIRED');
  }
  return { cookie, maxAgeSeconds: row.ttl_seconds };
}

/** The scope of the session behind a portal cookie, or undefined if it is unknown or over. */
export async function resolvePortalSession(ctx: ServiceContext, cookie: string): Promise<PortalScope | undefined> {
  const row = await ctx.store.portal.findBySession(sha256(cookie));
  if (!row?.session_expires_at) return undefined;
  if (Date.parse(row.session_expires_at) <= ctx.clock()) return undefined;
  const [project, identity, groups] = await Promise.all([
    ctx.store.projects.find(row.project_id),
    ctx.store.identities.find(row.identity_id),
    ctx.store.groups.findMany(JSON.parse(row.group_ids) as string[]),
  ]);
  if (!project || !identity) return undefined;
  return {
    sessionId: row.id,
    project: { id: project.id, name: project.name },
    identity: { id: identity.id, externalId: identity.external_id },
    groups: groups.map((group) => ({ id: group.id, name: group.name, permissions: JSON.parse(group.permissions) as string[] })),
    returnUrl: row.return_url,
    expiresAt: row.session_expires_at,
    csrfToken: row.csrf_token,
  };
}

/** Ends a portal session (the customer signs out). */
export async function endPortalSession(ctx: ServiceContext, scope: PortalScope): Promise<void> {
  const now = ctx.clock();
  await ctx.write((tx) => tx.portal.end(scope.sessionId, new Date(now).toISOString()));
}

/** Who the audit log names for a portal customer: no console user, the identity via the portal. */
export function portalActor(sessionId: string, identityId: string, externalId?: string): Actor {
  return { type: 'portal', userId: `portal:${sessionId}`, username: `${externalId ?? identityId} (portal)`, role: 'member', grants: [] };
}

/** A key of the portal's identity in its project, else 404 (as for a key that does not exist). */
export async function portalKey(repos: Repositories, scope: PortalScope, id: string, now: number, options: { lock?: boolean } = {}): Promise<{ view: KeyView; row: KeyRowWithPeople }> {
  if (options.lock) await repos.keys.lock(id);
  const row = await repos.keys.find(id);
  if (!row || row.project_id !== scope.project.id || row.identity_id !== scope.identity.id) throw problems.notFound(`No key with id ${id}.`);
  return { view: (await repos.keys.toViews([row], now))[0]!, row };
}

/**
 * Whether the portal may give this key's token more use (regenerate, re-enable): only while it
 * carries no group the portal does not offer; a key given more elsewhere is the provider's.
 */
export function requirePortalGroups(scope: PortalScope, groupIds: readonly string[], doing: string): void {
  const offered = new Set(scope.groups.map((group) => group.id));
  const extra = groupIds.filter((id) => !offered.has(id));
  if (extra.length > 0) throw problems.forbidden(`${doing} is not offered by this portal: the key has permissions the portal does not hand out.`);
}
