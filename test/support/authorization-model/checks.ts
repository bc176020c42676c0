import { apiClient, type ApiResponse } from '../api-client.ts';
import { equivalent, holdsAll, notHeld, shown } from './grants.ts';
import {
  actingPerson,
  holdingsOf,
  holdsIdentity,
  isLive,
  keyCarries,
  personOf,
  pickActor,
  userById,
  type AuthorizationModel,
  type Credential,
  type ModelGroup,
  type ModelKey,
  type ModelUser,
} from './model.ts';
import { clientOf, rootClient, type World } from './world.ts';

/**
 * The checks every step makes. Two kinds of failure, both thrown with the run's story so far:
 * a **violation** (the invariant: a credential an actor obtained or brought back into use
 * carries something the actor did not hold when it acted) and a **drift** (the server and the
 * model disagree about what is, so the model would check the wrong thing).
 *
 * The invariant, for a step that answered 2xx, against what the actor held just before it (the
 * model's holdings, confirmed by the server's `/v1/auth/me` at that moment):
 * - a token received (key created or regenerated): what verification says it carries, and what
 *   it holds as a management key, were held; it acts for a person the actor may act for;
 * - a key widened (re-enabled, allowlist opened, a limit raised or removed, expiry extended or
 *   removed, groups that carry something new): all it carries afterwards was held; it acts for
 *   a person the actor may act for;
 * - a password set on someone else (or on oneself through a key): that person is one the actor
 *   may act for, their keys' permissions were held, and a session as them (signed in at once)
 *   holds nothing the actor did not;
 * - a re-activation: the person's grants and their keys' permissions were held;
 * - permissions added to a group, groups given to a user: those permissions were held; making or
 *   changing an admin: `*` was held.
 * Only plain widenings and additions are judged, so a tightening is never blamed.
 */

/** One actor's step: who acts, what it held at that moment (confirmed by the server), and what it does. */
export type Step = {
  model: AuthorizationModel;
  world: World;
  actor: Credential;
  actorPerson: string;
  held: string[];
  doing: string;
};

function story(model: AuthorizationModel): string {
  return model.log.map((line, i) => `  ${String(i + 1).padStart(2)}. ${line}`).join('\n');
}

/** Throws: the server and the model disagree. */
export function drift(model: AuthorizationModel, message: string): never {
  throw new Error(`Model drift: ${message}\nThe run so far:\n${story(model)}`);
}

/** Throws: the invariant is broken. */
export function violation(step: Step, message: string): never {
  throw new Error(`Authorization invariant broken: ${step.actor.label}, holding ${shown(step.held)}, ${step.doing}: ${message}\nThe run so far:\n${story(step.model)}`);
}

function label(model: AuthorizationModel, userId: string): string {
  return userById(model, userId)?.label ?? userId;
}

/**
 * GET /v1/auth/me with a credential: the server must accept exactly the credentials the model
 * holds live, for the person the model names, with permissions covering exactly what the model
 * says it holds.
 */
export async function crossCheckCredential(model: AuthorizationModel, world: World, credential: Credential): Promise<ApiResponse> {
  const me = await clientOf(world, credential).get('/v1/auth/me');
  if (!isLive(model, credential)) {
    // The answer's permissions, not its text: that would print the session's CSRF token.
    if (me.status !== 401) drift(model, `${credential.label} should be refused (401), the server answered ${me.status} with ${shown(me.body?.permissions ?? [])}`);
    return me;
  }
  if (me.status !== 200) drift(model, `${credential.label} should be accepted, the server answered ${me.status} ${me.text}`);
  const expected = holdingsOf(model, credential);
  if (me.body.user.id !== personOf(model, credential)) drift(model, `${credential.label} acts as ${me.body.user.username}, the model says ${label(model, personOf(model, credential))}`);
  if (!equivalent(me.body.permissions, expected)) drift(model, `${credential.label} holds ${shown(me.body.permissions)} on the server, ${shown(expected)} in the model`);
  return me;
}

/** Starts a step: picks the actor, and confirms with the server what it holds right now. */
export async function beginStep(model: AuthorizationModel, world: World, actorIndex: number, doing: string): Promise<Step> {
  const actor = pickActor(model, actorIndex);
  await crossCheckCredential(model, world, actor);
  return { model, world, actor, actorPerson: personOf(model, actor), held: holdingsOf(model, actor), doing };
}

/** Records the answer in the story; a 5xx is a failure of its own (bad input never yields one). */
export function answered(step: Step, response: ApiResponse): void {
  step.model.log.push(`${step.actor.label} [holds ${shown(step.held)}] ${step.doing} → ${response.status}${response.status >= 400 ? ` ${response.body?.code ?? ''}` : ''}`);
  if (response.status >= 500) drift(step.model, `a 5xx answer: ${response.text}`);
}

/** The invariant's core: the actor held every one of `permissions` when it acted. */
export function requireHeld(step: Step, permissions: readonly string[], what: string): void {
  if (!holdsAll(step.held, permissions)) violation(step, `${what} carries ${shown(notHeld(step.held, permissions))}, which the actor did not hold`);
}

/** The actor may act in this person's name: its own, or (an admin) someone whose grants it holds. */
export function requireIdentity(step: Step, personId: string, what: string): void {
  if (!holdsIdentity(step.model, step.actorPerson, step.held, personId)) {
    violation(step, `${what} acts in the name of ${label(step.model, personId)}, an identity the actor does not hold`);
  }
}

/**
 * A token the actor received (a new or regenerated key): what verification says it carries,
 * and what it holds as a management key, were all held by the actor, and it names a person the
 * actor may act for.
 */
export async function checkTokenReceived(step: Step, credential: Credential & { kind: 'token' }, key: ModelKey): Promise<void> {
  const verified = await apiClient(step.world.url).post('/v1/keys/verify', { key: credential.token, cost: 0 });
  if (verified.status !== 200 || verified.body.keyId !== key.id) drift(step.model, `verifying ${credential.label}: ${verified.status} ${verified.text}`);
  if ((verified.body.ownerId ?? null) !== key.ownerId) drift(step.model, `${credential.label} verifies with ownerId ${verified.body.ownerId}, the model says ${key.ownerId}`);
  requireHeld(step, verified.body.permissions ?? [], `the token it received for ${key.label}`);
  const me = await crossCheckCredential(step.model, step.world, credential);
  if (me.status === 200) requireHeld(step, me.body.permissions, `the token it received for ${key.label}, as a management key,`);
  requireIdentity(step, actingPerson(key), `the token it received for ${key.label}`);
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item) => b.includes(item));

/** The server's view of a key matches the model's. */
export function matchKey(model: AuthorizationModel, key: ModelKey, view: any): void {
  const differences: string[] = [];
  if (view.enabled !== key.enabled) differences.push(`enabled ${view.enabled}`);
  if ((view.owner?.id ?? null) !== key.ownerId) differences.push(`owner ${view.owner?.username}`);
  if (view.createdBy?.id !== key.creatorId) differences.push(`createdBy ${view.createdBy?.username}`);
  if (!sameSet(view.groups.map((group: { id: string }) => group.id), key.groupIds)) differences.push('groups');
  if (!equivalent(view.permissions, keyCarries(model, key))) differences.push(`permissions ${shown(view.permissions)} (model: ${shown(keyCarries(model, key))})`);
  if (view.expiresAt !== key.expiresAt) differences.push(`expiresAt ${view.expiresAt}`);
  if (!sameSet(view.ipAllowlist, key.ipAllowlist)) differences.push(`ipAllowlist ${view.ipAllowlist}`);
  if (view.remaining !== key.remaining) differences.push(`remaining ${view.remaining}`);
  if ((view.ratelimit?.limit ?? null) !== (key.ratelimit?.limit ?? null)) differences.push(`ratelimit ${JSON.stringify(view.ratelimit)}`);
  if (view.end !== key.end) differences.push('token (end)');
  if (differences.length > 0) drift(model, `${key.label} differs on the server: ${differences.join(', ')}`);
}

/** The server's view of a user matches the model's. */
export function matchUser(model: AuthorizationModel, user: ModelUser, view: any): void {
  if (view.role !== user.role || view.active !== user.active || !sameSet(view.groups.map((group: { id: string }) => group.id), user.groupIds)) {
    drift(model, `${user.label} is ${view.role}, active ${view.active}, in ${view.groups.map((group: { name: string }) => group.name)} on the server; the model says ${user.role}, active ${user.active}, ${user.groupIds.length} groups`);
  }
}

/** The server's view of a group matches the model's. */
export function matchGroup(model: AuthorizationModel, group: ModelGroup, view: any): void {
  if (!sameSet(view.permissions, group.permissions)) drift(model, `${group.label} has ${shown(view.permissions)} on the server, ${shown(group.permissions)} in the model`);
}

/** After a refusal: the key is as it was (read by the root admin). */
export async function expectKeyUnchanged(step: Step, key: ModelKey): Promise<void> {
  const view = await rootClient(step.world).get(`/v1/keys/${key.id}`);
  if (view.status !== 200) drift(step.model, `${key.label} should still exist after a refusal: ${view.status}`);
  matchKey(step.model, key, view.body);
}

/** After a refusal: the user is as they were. */
export async function expectUserUnchanged(step: Step, user: ModelUser): Promise<void> {
  const view = await rootClient(step.world).get(`/v1/users/${user.id}`);
  if (view.status !== 200) drift(step.model, `${user.label} should still exist after a refusal: ${view.status}`);
  matchUser(step.model, user, view.body);
}

/** After a refusal: the group is as it was. */
export async function expectGroupUnchanged(step: Step, group: ModelGroup): Promise<void> {
  const view = await rootClient(step.world).get(`/v1/groups/${group.id}`);
  if (view.status !== 200) drift(step.model, `${group.label} should still exist after a refusal: ${view.status}`);
  matchGroup(step.model, group, view.body);
}
