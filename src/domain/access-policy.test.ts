import { describe, expect, it } from 'vitest';
import { authorize, keyScope, mayActInNameOf, seesKey, type Actor, type KeyFacts } from './access-policy.ts';

const admin: Actor = { type: 'user', userId: 'usr_admin', username: 'admin', role: 'admin', grants: ['*'] };
const adminsNarrowKey: Actor = { ...admin, type: 'key', keyId: 'key_narrow', grants: ['keys.read', 'keys.write'] };
const member: Actor = { type: 'user', userId: 'usr_mia', username: 'mia', role: 'member', grants: ['keys.*', 'orders.read'] };

const key = (facts: Partial<KeyFacts>): KeyFacts => ({ ownerId: null, createdBy: null, permissions: [], ...facts });

describe('access policy: keys', () => {
  it('admins see every key; members the keys acting for them', () => {
    expect(seesKey(admin, key({ ownerId: 'usr_other' }))).toBe(true);
    expect(seesKey(adminsNarrowKey, key({ ownerId: 'usr_other', permissions: ['*'] }))).toBe(true);
    expect(seesKey(member, key({ ownerId: 'usr_mia', permissions: ['*'] }))).toBe(true);
    expect(seesKey(member, key({ createdBy: 'usr_mia', permissions: ['*'] }))).toBe(true);
    expect(seesKey(member, key({ ownerId: 'usr_other' }))).toBe(false);
  });

  it("a key made for someone else is seen by its maker only while she holds all it carries", () => {
    expect(seesKey(member, key({ ownerId: 'usr_other', createdBy: 'usr_mia', permissions: ['orders.read'] }))).toBe(true);
    expect(seesKey(member, key({ ownerId: 'usr_other', createdBy: 'usr_mia', permissions: ['*'] }))).toBe(false);
  });

  it('using a key (regenerate, re-enable, widen) needs holding all it carries', () => {
    const everything = key({ createdBy: 'usr_admin', permissions: ['*'] });
    const self = { id: 'usr_admin', role: 'admin' as const, grants: ['*'] };
    expect(authorize(admin, { do: 'key.use', key: everything, actingPerson: self, doing: 'Regenerating' })).toEqual({ allowed: true });
    const refused = authorize(adminsNarrowKey, { do: 'key.use', key: everything, actingPerson: self, doing: 'Regenerating' });
    expect(refused).toMatchObject({ allowed: false, status: 403 });
    expect(authorize(member, { do: 'key.use', key: key({ ownerId: 'usr_mia', permissions: ['orders.*'] }), actingPerson: { id: 'usr_mia', role: 'member', grants: member.grants }, doing: 'Re-enabling' }))
      .toMatchObject({ allowed: false, status: 403 });
    expect(authorize(member, { do: 'key.use', key: key({ ownerId: 'usr_other' }), actingPerson: null, doing: 'x' })).toMatchObject({ allowed: false, status: 404 });
  });

  it("acting in someone else's name is for admins holding all that person holds", () => {
    const weak = { id: 'usr_weak', role: 'member' as const, grants: ['keys.read'] };
    const strong = { id: 'usr_strong', role: 'admin' as const, grants: ['*'] };
    expect(mayActInNameOf(member, { id: 'usr_mia', role: 'member', grants: ['*'] })).toBe(true);
    expect(mayActInNameOf(member, weak)).toBe(false);
    expect(mayActInNameOf(adminsNarrowKey, weak)).toBe(true);
    expect(mayActInNameOf(adminsNarrowKey, strong)).toBe(false);
    expect(mayActInNameOf(admin, strong)).toBe(true);
    expect(authorize(adminsNarrowKey, { do: 'key.issue', permissions: [], owner: strong })).toMatchObject({ allowed: false, status: 403 });
    expect(authorize(adminsNarrowKey, { do: 'key.issue', permissions: ['keys.read'], owner: weak })).toEqual({ allowed: true });
    expect(authorize(adminsNarrowKey, { do: 'key.issue', permissions: ['users.read'], owner: null })).toMatchObject({ allowed: false });
  });

  it("a member's list scope hides keys made for others that carry groups she does not hold", () => {
    const groups = [{ id: 'grp_reads', permissions: ['orders.read'] }, { id: 'grp_all', permissions: ['*'] }];
    expect(keyScope(admin, () => { throw new Error('admins need no groups'); })).toEqual({ kind: 'all' });
    expect(keyScope(member, () => groups)).toEqual({ kind: 'own', userId: 'usr_mia', hiddenGroupIds: ['grp_all'] });
  });
});

describe('access policy: people', () => {
  const holdings = (grants: string[], keyPermissions: string[] = []) => ({ id: 'usr_target', role: 'member' as const, grants, keyPermissions });
  const manager: Actor = { type: 'user', userId: 'usr_manager', username: 'manager', role: 'member', grants: ['users.*', 'keys.*'] };

  it("setting someone else's password is acting in their name: admins holding all they and their keys hold", () => {
    expect(authorize(manager, { do: 'user.set-password', target: holdings([]) })).toMatchObject({ allowed: false, status: 403 });
    expect(authorize(admin, { do: 'user.set-password', target: holdings(['*']) })).toEqual({ allowed: true });
    expect(authorize({ ...admin, grants: ['users.write'] }, { do: 'user.set-password', target: holdings([], ['orders.read']) })).toMatchObject({ allowed: false });
    expect(authorize({ ...admin, grants: ['users.write', 'orders.read'] }, { do: 'user.set-password', target: holdings([], ['orders.read']) })).toEqual({ allowed: true });
  });

  it('your own password: yes signed in (the current one is asked), not through a narrower key', () => {
    const self = { id: 'usr_manager', role: 'member' as const, grants: ['users.*', 'keys.*', 'orders.read'], keyPermissions: [] };
    expect(authorize(manager, { do: 'user.set-password', target: self })).toEqual({ allowed: true });
    expect(authorize({ ...manager, type: 'key', keyId: 'key_x' }, { do: 'user.set-password', target: self })).toMatchObject({ allowed: false });
  });

  it('re-activating needs holding all the person and their keys hold; admins and group grants as before', () => {
    expect(authorize(manager, { do: 'user.reactivate', target: holdings(['users.read']) })).toEqual({ allowed: true });
    expect(authorize(manager, { do: 'user.reactivate', target: holdings(['users.read'], ['orders.read']) })).toMatchObject({ allowed: false });
    expect(authorize(manager, { do: 'admin.change' })).toMatchObject({ allowed: false });
    expect(authorize(admin, { do: 'admin.change' })).toEqual({ allowed: true });
    expect(authorize(manager, { do: 'permissions.grant', permissions: ['keys.read'], doing: 'x' })).toEqual({ allowed: true });
    expect(authorize(manager, { do: 'permissions.grant', permissions: ['orders.read'], doing: 'Giving' })).toMatchObject({ reason: expect.stringContaining('orders.read') });
  });
});
