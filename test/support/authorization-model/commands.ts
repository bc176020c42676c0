import fc from 'fast-check';
import { CreateKey, DeleteKey, PatchKey, RegenerateKey, type KeyPatch, type Owner } from './key-commands.ts';
import { keySettings } from './key-settings.ts';
import type { AuthorizationModel } from './model.ts';
import { CreateGroup, CreateUser, EditGroup, PatchUser, SignIn, type UserPatch } from './people-commands.ts';
import { permissionSet } from './seed.ts';
import type { World } from './world.ts';

/**
 * The random management operations a run is made of, weighted towards the ones that can bring
 * a credential back into use (PATCHes of keys and users, regenerations). Indices are taken
 * modulo the pool they name when the command runs, so any number is a valid reference.
 */
type AnyCommand = fc.AsyncCommand<AuthorizationModel, World>;

const index = fc.nat({ max: 40 });
const groupPicks = fc.uniqueArray(fc.nat({ max: 9 }), { maxLength: 3 });

const owner: fc.Arbitrary<Owner> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.constant({ kind: 'self' as const }),
  index.map((user) => ({ kind: 'other' as const, user })),
);

const keyPatch: fc.Arbitrary<KeyPatch> = fc
  .record({ settings: keySettings(), groups: groupPicks }, { requiredKeys: ['settings'] })
  .filter((patch) => Object.keys(patch.settings).length > 0 || patch.groups !== undefined);

const userPatch: fc.Arbitrary<UserPatch> = fc
  .record({ role: fc.constantFrom('admin' as const, 'member' as const), groups: groupPicks, active: fc.boolean(), password: fc.constant(true) }, { requiredKeys: [] })
  .filter((patch) => Object.keys(patch).length > 0);

const weighted = (weight: number, arbitrary: fc.Arbitrary<AnyCommand>) => ({ weight, arbitrary });

/** One command of any kind. */
export const anyCommand: fc.Arbitrary<AnyCommand> = fc.oneof(
  weighted(1, fc.tuple(index, permissionSet(1)).map(([actor, permissions]): AnyCommand => new CreateGroup(actor, permissions))),
  weighted(2, fc.tuple(index, index, permissionSet(0)).map(([actor, group, permissions]): AnyCommand => new EditGroup(actor, group, permissions))),
  weighted(1, fc.tuple(index, fc.constantFrom('admin' as const, 'member' as const, 'member' as const), groupPicks).map(([actor, role, groups]): AnyCommand => new CreateUser(actor, role, groups))),
  weighted(3, fc.tuple(index, index, userPatch).map(([actor, user, patch]): AnyCommand => new PatchUser(actor, user, patch))),
  weighted(1, index.map((user): AnyCommand => new SignIn(user))),
  weighted(2, fc.tuple(index, groupPicks, owner).map(([actor, groups, who]): AnyCommand => new CreateKey(actor, groups, who))),
  weighted(3, fc.tuple(index, index, fc.constantFrom(0, 3600)).map(([actor, key, grace]): AnyCommand => new RegenerateKey(actor, key, grace))),
  weighted(5, fc.tuple(index, index, keyPatch).map(([actor, key, patch]): AnyCommand => new PatchKey(actor, key, patch))),
  weighted(1, fc.tuple(index, index).map(([actor, key]): AnyCommand => new DeleteKey(actor, key))),
);

/** A run: up to `maxCommands` commands (fast-check's model-based arbitrary, with its shrinker). */
export function runCommands(maxCommands: number, replayPath?: string) {
  return fc.commands([anyCommand], { maxCommands, size: 'max', ...(replayPath ? { replayPath } : {}) });
}
