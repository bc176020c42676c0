import { actingPersonOf, keyScope, mayActInNameOf, seesKey, seesPeople, type KeyFacts, type KeyScope, type Person } from '../domain/access-policy.ts';
import { intersectGrants } from '../domain/permissions.ts';
import { ProblemError, problems } from '../domain/problem-error.ts';
import type { ReadLock } from '../store/dialect.ts';
import type { KeyRowWithPeople, KeyView } from '../store/key-views.ts';
import type { Repositories } from '../store/repositories.ts';
import { enforce, SYSTEM_ACTOR, type Actor } from './actor.ts';

// What the access policy (src/domain/access-policy.ts) needs to know, read from the store:
// the key, the people it acts for, the actor as the write finds them.

/** A person as the access policy weighs them: their role and what they hold today. */
export async function personOf(repos: Repositories, userId: string | null): Promise<Person | null> {
  const user = userId === null ? undefined : await repos.users.find(userId);
  return user ? { id: user.id, role: user.role, grants: await repos.users.grantsOf(user) } : null;
}

/** What the access policy needs of a key. */
export function factsOf(view: Pick<KeyView, 'owner' | 'createdBy' | 'permissions'>): KeyFacts {
  return { ownerId: view.owner?.id ?? null, createdBy: view.createdBy?.id ?? null, permissions: view.permissions };
}

/**
 * The key (its row and its view) if the actor may see it, else 404 with the same words as for a
 * key that does not exist. Inside a write (`lock`), its row is locked first where writes run side
 * by side, so writes of one key run one after the other.
 */
export async function visibleKey(repos: Repositories, actor: Actor, id: string, now: number, options: { lock?: boolean } = {}): Promise<{ row: KeyRowWithPeople; view: KeyView }> {
  if (options.lock) await repos.keys.lock(id);
  const row = await repos.keys.find(id);
  const view = row && (await repos.keys.toViews([row], now))[0]!;
  if (!row || !view || !seesKey(actor, factsOf(view))) throw problems.notFound(`No key with id ${id}.`);
  return { row, view };
}

/**
 * Throws unless the actor may give this key's token more use (regenerate, re-enable, widen):
 * they must hold all it will carry and may act in its person's name.
 */
export async function requireUse(repos: Repositories, actor: Actor, key: KeyFacts, doing: string): Promise<void> {
  enforce(actor, { do: 'key.use', key, actingPerson: await personOf(repos, actingPersonOf(key)), doing });
}

/**
 * The actor as the transaction finds them: the grants read when the request was authenticated
 * may be gone by now (a deactivation or a role change that answered while this request waited),
 * and a new key must never hold more than its maker holds. The person's row is held shared
 * where writes run side by side, so such a change waits for this write or this write sees it.
 */
export async function actorAsItStands(repos: Repositories, actor: Actor): Promise<Actor> {
  if (actor.userId === SYSTEM_ACTOR.userId) return actor;
  const user = await repos.users.find(actor.userId, 'share');
  if (!user || user.active !== 1) throw problems.forbidden('Your account was deactivated or deleted.');
  return { ...actor, role: user.role, grants: intersectGrants(actor.grants, await repos.users.grantsOf(user)) };
}

function ownerNotFound(input: { ownerId?: string; owner?: string }): ProblemError {
  const detail = input.ownerId !== undefined ? `No user with id ${input.ownerId}` : `No user named "${input.owner}"`;
  return new ProblemError(422, 'OWNER_NOT_FOUND', `${detail}; create the user first or pick an existing one.`);
}

/**
 * The owner a new key is to have (null: none), and the policy's view of them. Someone in whose
 * name the actor may not act is, to an actor who may not read people, exactly as unknown as a
 * person who does not exist: the answer tells nothing about who exists.
 */
export async function resolveOwner(repos: Repositories, actor: Actor, input: { ownerId?: string; owner?: string }, lock?: ReadLock): Promise<{ id: string; username: string; person: Person } | null> {
  if (input.ownerId !== undefined && input.owner !== undefined) {
    throw problems.validation('Give the owner either by ownerId or by owner (username), not both.', [
      { path: '/owner', message: 'conflicts with ownerId' },
    ]);
  }
  if (input.ownerId === undefined && input.owner === undefined) return null;
  const user = input.ownerId !== undefined ? await repos.users.find(input.ownerId, lock) : await repos.users.findByUsername(input.owner!, lock);
  if (!user) throw ownerNotFound(input);
  const person: Person = { id: user.id, role: user.role, grants: await repos.users.grantsOf(user) };
  if (!mayActInNameOf(actor, person) && !seesPeople(actor)) throw ownerNotFound(input);
  return { id: user.id, username: user.username, person };
}

/** Which keys the actor's lists and usage reports may show (see `keyScope`). */
export async function keyScopeOf(repos: Repositories, actor: Actor): Promise<KeyScope> {
  const groups = actor.role === 'admin' ? [] : await repos.groups.allPermissions();
  return keyScope(actor, () => groups);
}

/**
 * The identity a key is to belong to: undefined when the input does not say, null for none.
 * Giving a key an identity (or taking it away) needs `identities.write`, asked before the
 * look-up: the answer tells nothing about which identities exist to whoever may not manage them.
 */
export async function resolveIdentity(repos: Repositories, actor: Actor, input: { identityId?: string | null; externalId?: string }, lock?: ReadLock): Promise<{ id: string; externalId: string } | null | undefined> {
  if (input.identityId === undefined && input.externalId === undefined) return undefined;
  enforce(actor, { do: 'permissions.grant', permissions: ['identities.write'], doing: "Setting a key's identity" });
  if (input.identityId === null) return null;
  const identity = input.identityId !== undefined ? await repos.identities.find(input.identityId, lock) : await repos.identities.findByExternalId(input.externalId!, lock);
  if (!identity) {
    const named = input.identityId !== undefined ? `id ${input.identityId}` : `externalId "${input.externalId}"`;
    throw new ProblemError(422, 'IDENTITY_NOT_FOUND', `No identity with ${named}; create it first with POST /v1/identities.`, [
      { path: input.identityId !== undefined ? '/identityId' : '/externalId', message: 'unknown identity' },
    ]);
  }
  return { id: identity.id, externalId: identity.external_id };
}
