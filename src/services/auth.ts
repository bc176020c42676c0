import { createHash, randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from '../domain/password.ts';
import { intersectGrants } from '../domain/permissions.ts';
import { ProblemError, problems } from '../domain/problem-error.ts';
import { decideVerification } from '../domain/verification.ts';
import type { UserView } from '../store/users.ts';
import { SYSTEM_ACTOR, type Actor } from './actor.ts';
import { recordAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { throttledPasswordCheck, type PasswordGuard } from './password-attempts.ts';
import { findKeyByToken, upgradeIfImported } from './verification.ts';
import { newId } from '../domain/ids.ts';
import { isUniqueViolation } from '../store/unique-violation.ts';

/** OWASP: an absolute lifetime and a shorter idle timeout. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 60 * 60 * 1000;
// Writing last_seen_at on every request would put a write on every dashboard call.
const LAST_SEEN_GRANULARITY_MS = 60 * 1000;

function sessionIdHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// Verifying against a real hash when the user does not exist keeps the response time the same,
// so timing does not tell which usernames exist.
let decoyHash: Promise<string> | undefined;

export type SignedIn = { token: string; csrfToken: string; user: UserView; expiresAt: string };

/**
 * Checks a password and opens a new session (a new id every time: no fixation). The attempt is
 * charged before the password is checked, and the check waits its turn for a hashing slot
 * (see throttledPasswordCheck).
 */
export async function login(ctx: ServiceContext, guard: PasswordGuard, input: { username: string; password: string; ip: string }): Promise<SignedIn> {
  const user = await throttledPasswordCheck(guard, input, async () => {
    const found = await ctx.store.users.findByUsername(input.username);
    // An unknown, inactive or password-less account is checked against the decoy: same work.
    const usable = found?.active === 1 && found.password_hash ? found.password_hash : undefined;
    decoyHash ??= hashPassword('decoy password', ctx.passwordCost);
    const ok = await verifyPassword(input.password, usable ?? (await decoyHash));
    return ok && usable ? found : undefined;
  });
  if (!user) throw problems.unauthenticated('Wrong username or password.');
  const now = ctx.clock();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const at = new Date(now).toISOString();
  const expiresAt = new Date(now + SESSION_ABSOLUTE_MS).toISOString();
  await ctx.write(async (tx) => {
    await tx.sessions.insert({ id_hash: sessionIdHash(token), user_id: user.id, csrf_token: csrfToken, created_at: at, expires_at: expiresAt, last_seen_at: at });
    await recordAudit(tx, { type: 'user', userId: user.id, username: user.username, role: user.role, grants: [] }, { action: 'session.created', targetType: 'session', targetId: null }, now);
  });
  const [view] = await ctx.store.users.toViews([user]);
  return { token, csrfToken, user: view!, expiresAt };
}

function requireSession(actor: Actor, what: string): void {
  // A management key acts for a person but is not them: it may not change their password or
  // end their browser sessions.
  if (actor.type !== 'user') throw problems.forbidden(`${what} is for a signed-in person; a management key cannot do it.`);
}

/**
 * A signed-in person changes their own password: the current one is checked as a throttled
 * password attempt (so this cannot be used to guess it), the new one is set, and every other
 * session of theirs ends; the session that asked stays.
 */
export async function changeOwnPassword(ctx: ServiceContext, guard: PasswordGuard, actor: Actor, input: { currentPassword: string; newPassword: string; ip: string; sessionToken: string }): Promise<void> {
  requireSession(actor, 'Changing your password');
  // The new hash is made in the same slot: it costs as much as the check.
  const newHash = await throttledPasswordCheck(guard, { username: actor.username, ip: input.ip }, async () => {
    const user = await ctx.store.users.find(actor.userId);
    if (!user?.password_hash || !(await verifyPassword(input.currentPassword, user.password_hash))) return undefined;
    return hashPassword(input.newPassword, ctx.passwordCost);
  });
  if (newHash === undefined) {
    throw new ProblemError(403, 'FORBIDDEN', 'The current password is wrong.', [{ path: '/currentPassword', message: 'is not your current password' }]);
  }
  const now = ctx.clock();
  await ctx.write(async (tx) => {
    await tx.users.update(actor.userId, { password_hash: newHash, updated_at: new Date(now).toISOString() });
    const ended = await tx.sessions.deleteOthersOf(actor.userId, sessionIdHash(input.sessionToken));
    await recordAudit(tx, actor, { action: 'user.updated', targetType: 'user', targetId: actor.userId, detail: { after: { passwordChanged: true }, reason: 'own password, current one checked', otherSessionsEnded: ended } }, now);
  });
}

/** Signs out every other session of the signed-in person; the one that asked stays. */
export async function endOtherSessions(ctx: ServiceContext, actor: Actor, sessionToken: string): Promise<void> {
  requireSession(actor, 'Signing out your other sessions');
  const now = ctx.clock();
  await ctx.write(async (tx) => {
    const ended = await tx.sessions.deleteOthersOf(actor.userId, sessionIdHash(sessionToken));
    await recordAudit(tx, actor, { action: 'session.revoked', targetType: 'session', targetId: null, detail: { otherSessionsEnded: ended } }, now);
  });
}

export type ResolvedSession = { actor: Actor; csrfToken: string; user: UserView };

/** The signed-in user behind a session cookie, or undefined if it is unknown, expired or idle. */
export async function resolveSession(ctx: ServiceContext, token: string): Promise<ResolvedSession | undefined> {
  const idHash = sessionIdHash(token);
  const session = await ctx.store.sessions.find(idHash);
  if (!session) return undefined;
  const now = ctx.clock();
  if (Date.parse(session.expires_at) <= now || Date.parse(session.last_seen_at) + SESSION_IDLE_MS <= now) {
    await ctx.store.sessions.delete(idHash);
    return undefined;
  }
  const user = await ctx.store.users.find(session.user_id);
  if (!user || user.active !== 1) return undefined;
  if (now - Date.parse(session.last_seen_at) > LAST_SEEN_GRANULARITY_MS) {
    await ctx.store.sessions.touch(idHash, new Date(now).toISOString());
  }
  const grants = await ctx.store.users.grantsOf(user);
  const [view] = await ctx.store.users.toViews([user]);
  return {
    actor: { type: 'user', userId: user.id, username: user.username, role: user.role, grants },
    csrfToken: session.csrf_token,
    user: view!,
  };
}

export async function logout(ctx: ServiceContext, token: string): Promise<void> {
  await ctx.store.sessions.delete(sessionIdHash(token));
}

/**
 * The actor a management key acts as: the key's owner (or, without one, its creator), holding
 * only what both the key's groups and that person hold today. A key whose person is gone or
 * deactivated acts for nobody.
 */
export async function actorForKey(ctx: ServiceContext, token: string, ip: string): Promise<Actor | undefined> {
  const key = await findKeyByToken(ctx, token);
  if (decideVerification(key, { permissions: [], ip }, ctx.clock()) !== 'VALID' || !key) return undefined;
  const userId = key.ownerId ?? key.createdBy;
  const user = userId ? await ctx.store.users.find(userId) : undefined;
  if (!user || user.active !== 1) return undefined;
  ctx.usage.touch(key, ctx.clock());
  await upgradeIfImported(ctx, key, token);
  const grants = intersectGrants(key.permissions, await ctx.store.users.grantsOf(user));
  return { type: 'key', userId: user.id, username: user.username, role: user.role, keyId: key.id, grants };
}

const FIRST_ADMIN_INSTRUCTION =
  'Keyward has no users yet. To create the first admin, stop Keyward and start it again with KEYWARD_ADMIN_USERNAME and KEYWARD_ADMIN_PASSWORD (12+ characters) set; they are used only while no user exists.';

/**
 * The one-time setup instruction while no user exists (the dashboard's first-run message),
 * else undefined. It tells nothing once anyone can sign in.
 */
export async function firstRunInstruction(ctx: ServiceContext): Promise<string | undefined> {
  return (await ctx.store.users.count()) > 0 ? undefined : FIRST_ADMIN_INSTRUCTION;
}

/**
 * On an empty user table: creates the first admin from the environment, or returns the
 * one-time setup instruction to print. Returns undefined once users exist.
 */
export async function bootstrapFirstAdmin(ctx: ServiceContext, admin: { username?: string; password?: string }): Promise<string | undefined> {
  if ((await ctx.store.users.count()) > 0) return undefined;
  if (!admin.username || !admin.password) return FIRST_ADMIN_INSTRUCTION;
  const now = ctx.clock();
  const at = new Date(now).toISOString();
  const id = newId('usr', now);
  const passwordHash = await hashPassword(admin.password, ctx.passwordCost);
  try {
    await ctx.write(async (tx) => {
      await tx.users.insert({ id, username: admin.username!, password_hash: passwordHash, role: 'admin', active: 1, created_at: at, updated_at: at });
      await recordAudit(tx, SYSTEM_ACTOR, { action: 'user.created', targetType: 'user', targetId: id, detail: { after: { username: admin.username, role: 'admin' }, reason: 'first admin from KEYWARD_ADMIN_USERNAME' } }, now);
    });
  } catch (error) {
    // Several nodes starting together on an empty database: one of them made the admin.
    if (!isUniqueViolation(error)) throw error;
  }
  return undefined;
}

