import { holdsAll, intersect, union } from './grants.ts';

/**
 * The reference model of one run: the groups, users and keys the run made, and the credentials
 * its actors hold, as the server last answered for them. It never predicts whether the server
 * accepts a request (that is the policy's business, not the model's); it only says what each
 * credential holds, following the rule in SECURITY.md:
 *
 * - an active admin holds `*`, an active member the union of her groups, an inactive person
 *   nothing;
 * - a session holds what its person holds while it lasts (a new password or a deactivation
 *   ends it);
 * - a key carries the union of its groups and acts for its owner, or without one its creator;
 *   used as a management key it holds what it carries and its acting person holds, while it is
 *   enabled, unexpired, allowed from loopback, its token current (or in its grace) and its
 *   acting person active.
 *
 * Commands change it only from what the server answered (2xx: the change happened; 4xx:
 * nothing did), and every step cross-checks it against the server, so it cannot drift silently.
 */
export type AuthorizationModel = {
  projectId: string;
  /** The server's first admin: an actor of every run, never a target. */
  root: ModelUser;
  /** What this run made, in order: commands pick among them by index. */
  groups: ModelGroup[];
  users: ModelUser[];
  keys: ModelKey[];
  credentials: Credential[];
  /** The steps so far, as a person reads them (shown when a check fails). */
  log: string[];
};

export type ModelGroup = { id: string; label: string; permissions: string[] };

export type ModelUser = {
  id: string;
  label: string;
  username: string;
  role: 'admin' | 'member';
  active: boolean;
  groupIds: string[];
  /** The current password (null: none set, so nobody can sign in). */
  password: string | null;
};

export type RateLimit = { limit: number; windowMs: number };

export type ModelKey = {
  id: string;
  label: string;
  ownerId: string | null;
  creatorId: string;
  groupIds: string[];
  enabled: boolean;
  expiresAt: string | null;
  ipAllowlist: string[];
  remaining: number | null;
  ratelimit: RateLimit | null;
  deleted: boolean;
  /** The token's last characters as the key view shows them: a regeneration changes them. */
  end: string;
};

/** A key as the server makes it, before any settings: enabled, no expiry, allowlist, quota or rate limit. */
export function newModelKey(made: Pick<ModelKey, 'id' | 'label' | 'ownerId' | 'creatorId' | 'groupIds' | 'end'>): ModelKey {
  return { ...made, enabled: true, expiresAt: null, ipAllowlist: [], remaining: null, ratelimit: null, deleted: false };
}

export type Credential =
  | { kind: 'session'; label: string; userId: string; cookie: string; csrfToken: string; ended: boolean }
  | { kind: 'token'; label: string; keyId: string; token: string; revoked: boolean };

/** The address the test clients connect from, as allowlists see it. */
export const CLIENT_ADDRESS = '127.0.0.1';

export function pick<T>(list: readonly T[], index: number): T {
  if (list.length === 0) throw new Error('pick from an empty pool');
  return list[index % list.length]!;
}

/** The run's groups named by index, without repeats. */
export function groupIdsAt(model: AuthorizationModel, picks: readonly number[]): string[] {
  return [...new Set(picks.map((index) => pick(model.groups, index).id))];
}

export function userById(model: AuthorizationModel, id: string): ModelUser | undefined {
  return id === model.root.id ? model.root : model.users.find((user) => user.id === id);
}

export function keyById(model: AuthorizationModel, id: string): ModelKey {
  const key = model.keys.find((candidate) => candidate.id === id);
  if (!key) throw new Error(`model: no key ${id}`);
  return key;
}

export function liveKeys(model: AuthorizationModel): ModelKey[] {
  return model.keys.filter((key) => !key.deleted);
}

/** The union of the permissions of some of the run's groups. */
export function permissionsOfGroups(model: AuthorizationModel, groupIds: readonly string[]): string[] {
  return union(model.groups.filter((group) => groupIds.includes(group.id)).map((group) => group.permissions));
}

/** What a person would hold if active: `*` for an admin, her groups for a member. */
export function grantsOf(model: AuthorizationModel, user: ModelUser): string[] {
  return user.role === 'admin' ? ['*'] : permissionsOfGroups(model, user.groupIds);
}

/** What a person holds now (nothing when inactive or unknown). */
export function personHoldings(model: AuthorizationModel, userId: string): string[] {
  const user = userById(model, userId);
  return user?.active ? grantsOf(model, user) : [];
}

export function keyCarries(model: AuthorizationModel, key: ModelKey): string[] {
  return key.deleted ? [] : permissionsOfGroups(model, key.groupIds);
}

/** Whom a key's verifications name as the caller: its owner, or without one its creator. */
export function actingPerson(key: ModelKey): string {
  return key.ownerId ?? key.creatorId;
}

function allowsClient(allowlist: readonly string[]): boolean {
  // The commands only ever use these entries; 10.0.0.0/8 excludes the loopback client.
  return allowlist.length === 0 || allowlist.includes(CLIENT_ADDRESS);
}

function isExpired(expiresAt: string | null): boolean {
  return expiresAt !== null && Date.parse(expiresAt) <= Date.now();
}

/** The person a credential acts as (for a key: its acting person, whether or not it works now). */
export function personOf(model: AuthorizationModel, credential: Credential): string {
  return credential.kind === 'session' ? credential.userId : actingPerson(keyById(model, credential.keyId));
}

/** Whether the server should accept the credential on the management API at all. */
export function isLive(model: AuthorizationModel, credential: Credential): boolean {
  if (credential.kind === 'session') return !credential.ended && (userById(model, credential.userId)?.active ?? false);
  const key = keyById(model, credential.keyId);
  return !credential.revoked && !key.deleted && key.enabled && !isExpired(key.expiresAt) && allowsClient(key.ipAllowlist)
    && (userById(model, actingPerson(key))?.active ?? false);
}

/**
 * The acting credential a command's index names: mostly among those that work (so that most
 * steps do something), every fifth index among all (so that ended sessions and disabled or
 * revoked keys are seen to be refused).
 */
export function pickActor(model: AuthorizationModel, index: number): Credential {
  const live = model.credentials.filter((credential) => isLive(model, credential));
  return index % 5 === 0 || live.length === 0 ? pick(model.credentials, index) : pick(live, index);
}

/** What a credential holds now: its person's holdings, for a key also within what it carries. */
export function holdingsOf(model: AuthorizationModel, credential: Credential): string[] {
  if (!isLive(model, credential)) return [];
  const person = personHoldings(model, personOf(model, credential));
  return credential.kind === 'session' ? person : intersect(keyCarries(model, keyById(model, credential.keyId)), person);
}

/**
 * Whether an actor (its person and what it holds) may act in `personId`'s name: its own, or, for
 * an actor whose person is an active admin, anyone whose grants it holds.
 */
export function holdsIdentity(model: AuthorizationModel, actorPersonId: string, held: readonly string[], personId: string): boolean {
  if (actorPersonId === personId) return true;
  const actorPerson = userById(model, actorPersonId);
  if (actorPerson?.role !== 'admin' || !actorPerson.active) return false;
  return holdsAll(held, personHoldings(model, personId));
}

/** The keys a person owns or created (not deleted): whoever can sign in as them reaches these. */
export function keysOf(model: AuthorizationModel, userId: string): ModelKey[] {
  return liveKeys(model).filter((key) => key.ownerId === userId || key.creatorId === userId);
}

/** Everything a person could use once active and signed in: their grants and their keys'. */
export function reachableThrough(model: AuthorizationModel, user: ModelUser): string[] {
  return union([grantsOf(model, user), ...keysOf(model, user.id).map((key) => keyCarries(model, key))]);
}

/** Ends the sessions of a person (a new password or a deactivation). */
export function endSessionsOf(model: AuthorizationModel, userId: string): void {
  for (const credential of model.credentials) if (credential.kind === 'session' && credential.userId === userId) credential.ended = true;
}

/** Revokes every token of a key (a deletion, or a regeneration without grace). */
export function revokeTokensOf(model: AuthorizationModel, keyId: string): void {
  for (const credential of model.credentials) if (credential.kind === 'token' && credential.keyId === keyId) credential.revoked = true;
}
