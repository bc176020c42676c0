import fc from 'fast-check';
import { uniqueName } from '../people.ts';
import { PERMISSION_UNIVERSE } from './grants.ts';
import { matchKey } from './checks.ts';
import { applySettings, keySettings, settingsBody, type KeySettings } from './key-settings.ts';
import { newModelKey, type AuthorizationModel, type Credential, type ModelUser } from './model.ts';
import { rootClient, signInOverHttp, type World } from './world.ts';

/**
 * How a run starts, made by the root admin: a project, a few groups of random permissions, a
 * few members in random groups (signed in), and a few management keys with random groups,
 * owners and settings (some disabled, shut out by their allowlist, expired or out of quota).
 * The root admin's session, the members' sessions and the keys' tokens are the first actors.
 */
export type RunSeed = {
  groups: string[][];
  members: number[][];
  keys: { groups: number[]; owner: number | null; settings: KeySettings }[];
};

// The write permissions the commands need come up more often, so that fewer steps are plain 403s.
const WEIGHTS: Record<string, number> = { 'keys.write': 3, 'users.write': 2, 'groups.write': 2 };
const permission = fc.oneof(...PERMISSION_UNIVERSE.map((name) => ({ weight: WEIGHTS[name] ?? 1, arbitrary: fc.constant(name) })));

/** Up to three permissions of the universe (at least `minLength`). */
export function permissionSet(minLength: number): fc.Arbitrary<string[]> {
  return fc.uniqueArray(permission, { minLength, maxLength: 3 });
}

export const runSeed: fc.Arbitrary<RunSeed> = fc.record({
  groups: fc.array(permissionSet(1), { minLength: 3, maxLength: 5 }),
  members: fc.array(fc.uniqueArray(fc.nat({ max: 4 }), { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 3 }),
  keys: fc.array(
    fc.record({ groups: fc.uniqueArray(fc.nat({ max: 4 }), { minLength: 1, maxLength: 2 }), owner: fc.option(fc.nat({ max: 2 })), settings: keySettings(fc.constantFrom(true, true, false)) }),
    { minLength: 2, maxLength: 3 },
  ),
});

async function made(what: string, promise: Promise<{ status: number; text: string; body: any }>, status = 201) {
  const response = await promise;
  if (response.status !== status) throw new Error(`seeding a run: ${what}: ${response.status} ${response.text}`);
  return response.body;
}

/**
 * Creates a run's entities through the root admin and returns its model (fast-check's `setup`).
 * Each phase's requests go out together: they are independent, and a run's setup is a good
 * part of its time.
 */
export async function setupRun(world: World, seed: RunSeed): Promise<{ model: AuthorizationModel; real: World }> {
  const root = rootClient(world);
  const rootUser: ModelUser = { id: world.root.userId, label: 'root admin', username: world.root.username, role: 'admin', active: true, groupIds: [], password: null };
  const [project, ...groups] = await Promise.all([
    made('project', root.post('/v1/projects', { name: uniqueName('model-project'), keyPrefix: 'am' })),
    ...seed.groups.map((permissions) => made('group', root.post('/v1/groups', { name: uniqueName('model-group'), permissions }))),
  ]);
  const model: AuthorizationModel = { projectId: project.id, root: rootUser, groups: [], users: [], keys: [], credentials: [], log: [] };
  model.credentials.push({ kind: 'session', label: 'root session', userId: rootUser.id, cookie: world.root.cookie, csrfToken: world.root.csrfToken, ended: false });
  groups.forEach((group, i) => {
    model.groups.push({ id: group.id, label: `g${i}`, permissions: seed.groups[i]! });
    model.log.push(`seed: g${i} = ${seed.groups[i]!.join(' ')}`);
  });
  const groupIdsOf = (picks: number[]) => [...new Set(picks.map((index) => model.groups[index % model.groups.length]!.id))];
  const groupLabelsOf = (picks: number[]) => picks.map((index) => `g${index % model.groups.length}`).join(' ');

  const members = await Promise.all(seed.members.map(async (picks) => {
    const username = uniqueName('model-member');
    const password = `password-${uniqueName('pw')}`;
    const groupIds = groupIdsOf(picks);
    const user = await made('member', root.post('/v1/users', { username, password, role: 'member', groupIds }));
    const signedIn = await signInOverHttp(world, username, password);
    if (signedIn.response.status !== 200) throw new Error(`seeding a run: sign-in: ${signedIn.response.text}`);
    return { id: user.id as string, username, password, groupIds, signedIn };
  }));
  members.forEach(({ id, username, password, groupIds, signedIn }, i) => {
    const member: ModelUser = { id, label: `u${i} (${username})`, username, role: 'member', active: true, groupIds, password };
    model.users.push(member);
    model.credentials.push({ kind: 'session', label: `session 1 of ${member.label}`, userId: id, cookie: signedIn.cookie, csrfToken: signedIn.csrfToken, ended: false });
    model.log.push(`seed: ${member.label} member in ${groupLabelsOf(seed.members[i]!)}, signed in`);
  });

  const owners = seed.keys.map((spec) => (spec.owner === null ? null : model.users[spec.owner % model.users.length]!));
  const issued = await Promise.all(seed.keys.map((spec, i) => made('key', root.post('/v1/keys', {
    projectId: model.projectId,
    name: 'seed key',
    groupIds: groupIdsOf(spec.groups),
    ...settingsBody(spec.settings),
    ...(owners[i] ? { ownerId: owners[i].id } : {}),
  }))));
  issued.forEach(({ key: view, token }, i) => {
    const spec = seed.keys[i]!;
    const key = newModelKey({ id: view.id, label: `k${i}`, ownerId: owners[i]?.id ?? null, creatorId: rootUser.id, groupIds: groupIdsOf(spec.groups), end: view.end });
    applySettings(key, spec.settings);
    model.keys.push(key);
    matchKey(model, key, view);
    const credential: Credential = { kind: 'token', label: `token 1 of ${key.label}`, keyId: key.id, token, revoked: false };
    model.credentials.push(credential);
    model.log.push(`seed: ${key.label} by root admin, owned by ${owners[i]?.label ?? 'nobody'}, groups ${groupLabelsOf(spec.groups)}, ${JSON.stringify(settingsBody(spec.settings))}`);
  });
  return { model, real: world };
}
