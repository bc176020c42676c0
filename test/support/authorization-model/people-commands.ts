import fc from 'fast-check';
import { uniqueName } from '../people.ts';
import { notHeld, union } from './grants.ts';
import {
  answered,
  beginStep,
  crossCheckCredential,
  drift,
  expectGroupUnchanged,
  expectUserUnchanged,
  matchGroup,
  matchUser,
  requireHeld,
  requireIdentity,
  type Step,
} from './checks.ts';
import { endSessionsOf, grantsOf, groupIdsAt, keyCarries, keysOf, permissionsOfGroups, pick, reachableThrough, type AuthorizationModel, type ModelUser } from './model.ts';
import { clientOf, signInOverHttp, type World } from './world.ts';

/**
 * The people commands: groups (create, edit permissions), users (create, PATCH role, groups,
 * active and password) and signing in. As for keys, actors and targets are indices into the
 * run's pools, and only the run's own users are ever targets (never the root admin).
 */
type PeopleCommand = fc.AsyncCommand<AuthorizationModel, World>;

/** A fresh password (the contract asks for 12 characters or more); the model remembers it. */
function newPassword(): string {
  return `password-${uniqueName('pw')}`;
}

/** Signs in as a user the model says is active with a known password, and adds the session to the actors. */
async function openSession(model: AuthorizationModel, world: World, user: ModelUser) {
  const signedIn = await signInOverHttp(world, user.username, user.password!);
  if (signedIn.response.status !== 200) drift(model, `signing in as ${user.label} should work: ${signedIn.response.status} ${signedIn.response.text}`);
  const count = model.credentials.filter((credential) => credential.kind === 'session' && credential.userId === user.id).length;
  const session = { kind: 'session' as const, label: `session ${count + 1} of ${user.label}`, userId: user.id, cookie: signedIn.cookie, csrfToken: signedIn.csrfToken, ended: false };
  model.credentials.push(session);
  return { session, me: await crossCheckCredential(model, world, session) };
}

export class CreateGroup implements PeopleCommand {
  readonly actor: number;
  readonly permissions: string[];
  constructor(actor: number, permissions: string[]) {
    this.actor = actor;
    this.permissions = permissions;
  }
  check(): boolean {
    return true;
  }
  async run(model: AuthorizationModel, world: World): Promise<void> {
    const step = await beginStep(model, world, this.actor, `creates a group with ${this.permissions.join(' ')}`);
    const response = await clientOf(world, step.actor).post('/v1/groups', { name: uniqueName('model-group'), permissions: this.permissions });
    answered(step, response);
    if (response.status !== 201) return;
    const group = { id: response.body.id as string, label: `g${model.groups.length}`, permissions: [...new Set(this.permissions)] };
    model.groups.push(group);
    model.log[model.log.length - 1] += ` (${group.label})`;
    matchGroup(model, group, response.body);
    requireHeld(step, group.permissions, `${group.label}`);
  }
  toString(): string {
    return `createGroup(actor ${this.actor}, [${this.permissions}])`;
  }
}

export class EditGroup implements PeopleCommand {
  readonly actor: number;
  readonly group: number;
  readonly permissions: string[];
  constructor(actor: number, group: number, permissions: string[]) {
    this.actor = actor;
    this.group = group;
    this.permissions = permissions;
  }
  check(): boolean {
    return true;
  }
  async run(model: AuthorizationModel, world: World): Promise<void> {
    const group = pick(model.groups, this.group);
    const step = await beginStep(model, world, this.actor, `sets ${group.label} (${group.permissions.join(' ')}) to ${this.permissions.join(' ') || 'nothing'}`);
    const response = await clientOf(world, step.actor).patch(`/v1/groups/${group.id}`, { permissions: this.permissions });
    answered(step, response);
    if (response.status !== 200) return expectGroupUnchanged(step, group);
    // What the group gains: permissions its old ones did not already cover.
    const added = notHeld(group.permissions, this.permissions);
    group.permissions = [...new Set(this.permissions)];
    matchGroup(model, group, response.body);
    requireHeld(step, added, `${group.label}'s new permissions`);
  }
  toString(): string {
    return `editGroup(actor ${this.actor}, group ${this.group}, [${this.permissions}])`;
  }
}

export class CreateUser implements PeopleCommand {
  readonly actor: number;
  readonly role: 'admin' | 'member';
  readonly groups: number[];
  constructor(actor: number, role: 'admin' | 'member', groups: number[]) {
    this.actor = actor;
    this.role = role;
    this.groups = groups;
  }
  check(): boolean {
    return true;
  }
  async run(model: AuthorizationModel, world: World): Promise<void> {
    const groupIds = groupIdsAt(model, this.groups);
    const step = await beginStep(model, world, this.actor, `creates a ${this.role} in ${permissionsOfGroups(model, groupIds).join(' ') || 'no group'} with a password`);
    const username = uniqueName('model-user');
    const password = newPassword();
    const response = await clientOf(world, step.actor).post('/v1/users', { username, password, role: this.role, groupIds });
    answered(step, response);
    if (response.status !== 201) return;
    const user: ModelUser = { id: response.body.id, label: `u${model.users.length} (${username})`, username, role: this.role, active: true, groupIds, password };
    model.users.push(user);
    model.log[model.log.length - 1] += ` (${user.label})`;
    matchUser(model, user, response.body);
    if (this.role === 'admin') requireHeld(step, ['*'], `the admin role it gave ${user.label}`);
    requireHeld(step, permissionsOfGroups(model, groupIds), `the groups it gave ${user.label}`);
  }
  toString(): string {
    return `createUser(actor ${this.actor}, ${this.role}, groups [${this.groups}])`;
  }
}

export type UserPatch = { role?: 'admin' | 'member'; groups?: number[]; active?: boolean; password?: boolean };

export class PatchUser implements PeopleCommand {
  readonly actor: number;
  readonly user: number;
  readonly patch: UserPatch;
  constructor(actor: number, user: number, patch: UserPatch) {
    this.actor = actor;
    this.user = user;
    this.patch = patch;
  }
  check(model: Readonly<AuthorizationModel>): boolean {
    return model.users.length > 0;
  }
  async run(model: AuthorizationModel, world: World): Promise<void> {
    const user = pick(model.users, this.user);
    const { groups, password, ...plain } = this.patch;
    const body: Record<string, unknown> = { ...plain };
    if (groups !== undefined) body.groupIds = groupIdsAt(model, groups);
    if (password) body.password = newPassword();
    const shownBody = JSON.stringify({
      ...body,
      ...(groups !== undefined ? { groupIds: `${(body.groupIds as string[]).length} groups: ${permissionsOfGroups(model, body.groupIds as string[]).join(' ') || 'nothing'}` } : {}),
      ...(password ? { password: '(new)' } : {}),
    });
    const step = await beginStep(model, world, this.actor, `PATCHes ${user.label} (${user.active ? '' : 'inactive '}${user.role}, holds ${grantsOf(model, user).join(' ') || 'nothing'}) with ${shownBody}`);
    const response = await clientOf(world, step.actor).patch(`/v1/users/${user.id}`, body);
    answered(step, response);
    if (response.status !== 200) return expectUserUnchanged(step, user);
    const before = { ...user };
    if (plain.role !== undefined) user.role = plain.role;
    if (plain.active !== undefined) user.active = plain.active;
    if (body.groupIds !== undefined) user.groupIds = body.groupIds as string[];
    if (body.password !== undefined) user.password = body.password as string;
    if (plain.active === false || body.password !== undefined) endSessionsOf(model, user.id);
    matchUser(model, user, response.body);
    await checkUserChange(step, before, user, body.password !== undefined);
  }
  toString(): string {
    return `patchUser(actor ${this.actor}, user ${this.user}, ${JSON.stringify(this.patch)})`;
  }
}

/** The invariant for a user edit that answered 200, given the user before and after it. */
async function checkUserChange(step: Step, before: ModelUser, after: ModelUser, passwordSet: boolean): Promise<void> {
  const { model, world } = step;
  if (before.role === 'admin' || after.role === 'admin') requireHeld(step, ['*'], `a change to an admin (${after.label}), or making one,`);
  const addedGroups = after.groupIds.filter((id) => !before.groupIds.includes(id));
  requireHeld(step, notHeld(permissionsOfGroups(model, before.groupIds), permissionsOfGroups(model, addedGroups)), `the groups it gave ${after.label}`);
  if (!before.active && after.active) requireHeld(step, reachableThrough(model, after), `re-activating ${after.label} (their grants and their keys)`);
  // Your own password, signed in as yourself, gives you nothing new; anyone else's gives a session as them.
  if (!passwordSet || (step.actor.kind === 'session' && step.actor.userId === after.id)) return;
  requireIdentity(step, after.id, `the password it set on ${after.label}`);
  requireHeld(step, union(keysOf(model, after.id).map((key) => keyCarries(model, key))), `the keys of ${after.label}, whose password it set,`);
  if (!after.active) return;
  const { me } = await openSession(model, world, after);
  requireHeld(step, me.body.permissions, `a session as ${after.label}, whose password it set,`);
}

/**
 * Signs in as a user with the password the model last saw set. No invariant here: whoever set
 * that password was judged when they set it (and a re-activation when it happened); this only
 * brings more sessions into the pool of actors.
 */
export class SignIn implements PeopleCommand {
  readonly user: number;
  constructor(user: number) {
    this.user = user;
  }
  check(model: Readonly<AuthorizationModel>): boolean {
    return model.users.some((user) => user.active && user.password !== null);
  }
  async run(model: AuthorizationModel, world: World): Promise<void> {
    const user = pick(model.users.filter((candidate) => candidate.active && candidate.password !== null), this.user);
    model.log.push(`sign in as ${user.label} with the password last set`);
    await openSession(model, world, user);
  }
  toString(): string {
    return `signIn(user ${this.user})`;
  }
}
