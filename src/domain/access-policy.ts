import { grantsCover, grantsCoverAll, missingPermissions } from './permissions.ts';

/**
 * Who may do what to whom in the management API. Every service asks here; nothing else decides.
 *
 * The rule: no action may give the actor, or anyone, the use of more than the actor holds at
 * that moment. A credential carries permissions (a session: its person's; a key: its groups')
 * and an identity (a session: its person; a key: its acting person, whom the APIs behind
 * Keyward see as `ownerId`). So issuing or renewing a credential, or bringing one back into use,
 * needs the actor to hold everything it will carry, and to hold the identity it carries: one's
 * own, or (admins only) that of a person whose grants the actor holds. Taking use away (disable,
 * delete, narrow) needs only sight of the target. SECURITY.md states the rule for readers, and
 * `test/api/authorization-model.test.ts` checks it against a reference model over random
 * sequences of operations.
 */

export type Role = 'admin' | 'member';

/** Who is calling the management API, and what they hold right now. */
export type Actor = {
  /**
   * `user`: a person signed in (a session); `key`: a management key acting for its person;
   * `portal`: a customer in the self-service portal, which never reaches the management API
   * (its own routes check its scope; `authorize` refuses it everything).
   */
  type: 'user' | 'key' | 'portal';
  userId: string;
  username: string;
  /** The role of the person behind the actor (for a key: its acting person's). */
  role: Role;
  /** Set when the caller is a management key. */
  keyId?: string;
  /** Effective grants: for a key, what both the key and the person behind it hold. */
  grants: string[];
};

/** A person as a target: what they hold (their role's or their groups' grants). */
export type Person = { id: string; role: Role; grants: readonly string[] };

/** A person with what the keys they own or created carry: what a session as them could renew. */
export type PersonWithKeys = Person & { keyPermissions: readonly string[] };

/** A key as the policy sees it: whose name it acts in and what it carries. */
export type KeyFacts = { ownerId: string | null; createdBy: string | null; permissions: readonly string[] };

export type Verdict = { allowed: true } | { allowed: false; status: 403 | 404; reason: string };

/** Which keys a list may show (see `keyScope`). */
export type KeyScope =
  | { kind: 'all' }
  /**
   * The keys acting for `userId`, and keys they created for someone else that carry none of
   * `hiddenGroupIds` (the groups whose permissions they do not hold).
   */
  | { kind: 'own'; userId: string; hiddenGroupIds: string[] };

/** Every management action the policy rules on. */
export type ManagementAction =
  /** Get, list, usage; and every change that only takes use away (disable, delete, narrow). */
  | { do: 'key.see'; key: KeyFacts }
  /** Regenerate, re-enable, widen: the key's permissions are as they will be after the change. */
  | { do: 'key.use'; key: KeyFacts; actingPerson: Person | null; doing: string }
  /** Create or import a key with these groups' permissions, owned by `owner` (null: the actor). */
  | { do: 'key.issue'; permissions: readonly string[]; owner: Person | null }
  /** Give permissions away: groups to a user, a new user's groups, permissions into a group. */
  | { do: 'permissions.grant'; permissions: readonly string[]; doing: string }
  /** Make an admin, or change one in any way (an admin holds everything). */
  | { do: 'admin.change' }
  /** Signed in as the target yourself, the service asks for the current password instead. */
  | { do: 'user.set-password'; target: PersonWithKeys }
  | { do: 'user.reactivate'; target: PersonWithKeys };

const ALLOWED: Verdict = { allowed: true };

function forbidden(reason: string): Verdict {
  return { allowed: false, status: 403, reason };
}

/** Whether the actor holds every one of the permissions. */
export function holds(actor: Pick<Actor, 'grants'>, permissions: readonly string[]): boolean {
  return grantsCoverAll(actor.grants, permissions);
}

/** The person a key acts for: its owner, or its creator when it has none. */
export function actingPersonOf(key: Pick<KeyFacts, 'ownerId' | 'createdBy'>): string | null {
  return key.ownerId ?? key.createdBy;
}

/**
 * Whether the actor may issue or renew a credential in this person's name: anyone in their own
 * name; admins in the name of anyone whose grants they hold. A member who could act in another
 * person's name would become that person to every API that trusts the key's owner.
 */
export function mayActInNameOf(actor: Actor, person: Person | null): boolean {
  if (person === null || person.id === actor.userId) return true;
  return actor.role === 'admin' && holds(actor, person.grants);
}

/** Whether the actor may see this key (others' keys are 404, not 403: their existence is not told). */
export function seesKey(actor: Actor, key: KeyFacts): boolean {
  if (actor.role === 'admin' || actingPersonOf(key) === actor.userId) return true;
  // Made for someone else (while an admin): seen only while still holding all it carries.
  return key.createdBy === actor.userId && holds(actor, key.permissions);
}

/** The rows a key list may show; `groups` are every group, read only for non-admins. */
export function keyScope(actor: Actor, groups: () => readonly { id: string; permissions: readonly string[] }[]): KeyScope {
  if (actor.role === 'admin') return { kind: 'all' };
  const hiddenGroupIds = groups().filter((group) => !holds(actor, group.permissions)).map((group) => group.id);
  return { kind: 'own', userId: actor.userId, hiddenGroupIds };
}

/** Whether the actor may read people (so telling them a person exists tells nothing new). */
export function seesPeople(actor: Actor): boolean {
  return grantsCover(actor.grants, 'users.read');
}

/** Whether the actor may read groups and their permissions. */
export function seesGroups(actor: Actor): boolean {
  return grantsCover(actor.grants, 'groups.read');
}

function needs(actor: Actor, permissions: readonly string[], doing: string): Verdict {
  const missing = missingPermissions(actor.grants, permissions);
  return missing.length === 0 ? ALLOWED : forbidden(`${doing} needs ${missing.join(', ')}, which you do not hold.`);
}

function targetHoldings(target: PersonWithKeys): string[] {
  return [...target.grants, ...target.keyPermissions];
}

/**
 * The one answer to "may this actor do this": every service asks it before it changes or
 * shows anything, and turns a refusal into the problem it names.
 *
 * @example authorize(actor, { do: 'key.see', key }) // { allowed: false, status: 404, … }
 */
export function authorize(actor: Actor, action: ManagementAction): Verdict {
  if (actor.type === 'portal') return forbidden('The portal manages its own keys only.');
  switch (action.do) {
    case 'key.see':
      return seesKey(actor, action.key) ? ALLOWED : { allowed: false, status: 404, reason: 'No such key.' };
    case 'key.use': {
      if (!seesKey(actor, action.key)) return { allowed: false, status: 404, reason: 'No such key.' };
      const carried = needs(actor, action.key.permissions, `${action.doing} (the key carries what you would get)`);
      if (!carried.allowed) return carried;
      return mayActInNameOf(actor, action.actingPerson)
        ? ALLOWED
        : forbidden(`${action.doing} acts in another person's name: only an admin holding everything that person holds may.`);
    }
    case 'key.issue': {
      const carried = needs(actor, action.permissions, 'Giving a key these groups');
      if (!carried.allowed) return carried;
      return mayActInNameOf(actor, action.owner)
        ? ALLOWED
        : forbidden("A key owned by someone else acts in their name: only an admin holding everything they hold may create one. Leave the owner out or name yourself.");
    }
    case 'permissions.grant':
      return needs(actor, action.permissions, action.doing);
    case 'admin.change':
      return holds(actor, ['*']) ? ALLOWED : forbidden('Only an actor holding every permission (*) can make someone an admin or change an admin.');
    case 'user.set-password': {
      // Signed in as yourself you already are you (the service asks for the current password);
      // a management key acting for you is not you: it holds only what its groups grant.
      if (actor.type === 'user' && action.target.id === actor.userId) return ALLOWED;
      if (!mayActInNameOf(actor, action.target)) {
        return forbidden("Setting someone else's password lets you sign in as them: only an admin holding everything they hold may.");
      }
      return needs(actor, targetHoldings(action.target), 'Setting the password of a user who holds (or whose keys hold) more than you');
    }
    case 'user.reactivate':
      return needs(actor, targetHoldings(action.target), 'Re-activating a user who holds (or whose keys hold) more than you');
  }
}
