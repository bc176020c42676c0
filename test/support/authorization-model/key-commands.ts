import fc from 'fast-check';
import {
  answered,
  beginStep,
  checkTokenReceived,
  expectKeyUnchanged,
  matchKey,
  requireHeld,
  requireIdentity,
  type Step,
} from './checks.ts';
import { applySettings, settingsBody, widenings, type KeySettings } from './key-settings.ts';
import { actingPerson, newModelKey, groupIdsAt, keyCarries, liveKeys, personOf, pick, pickActor, revokeTokensOf, type AuthorizationModel, type Credential, type ModelKey } from './model.ts';
import { clientOf, type World } from './world.ts';

/**
 * The key commands: create, regenerate, PATCH, delete. Each names its actor and target by index
 * into the run's pools (so fast-check can shrink a sequence without dangling references) and
 * resolves them when it runs.
 */
type KeyCommand = fc.AsyncCommand<AuthorizationModel, World>;

function groupLabels(model: AuthorizationModel, groupIds: readonly string[]): string {
  return `[${groupIds.map((id) => model.groups.find((group) => group.id === id)!.label).join(' ')}]`;
}

/** Takes a freshly issued token into the actor pool and checks it against what its maker held. */
async function receiveToken(step: Step, key: ModelKey, token: string): Promise<void> {
  const count = step.model.credentials.filter((credential) => credential.kind === 'token' && credential.keyId === key.id).length;
  const credential: Credential & { kind: 'token' } = { kind: 'token', label: `token ${count + 1} of ${key.label}`, keyId: key.id, token, revoked: false };
  step.model.credentials.push(credential);
  await checkTokenReceived(step, credential, key);
}

export type Owner = { kind: 'none' } | { kind: 'self' } | { kind: 'other'; user: number };

export class CreateKey implements KeyCommand {
  readonly actor: number;
  readonly groups: number[];
  readonly owner: Owner;
  constructor(actor: number, groups: number[], owner: Owner) {
    this.actor = actor;
    this.groups = groups;
    this.owner = owner;
  }
  check(): boolean {
    return true;
  }
  async run(model: AuthorizationModel, world: World): Promise<void> {
    const groupIds = groupIdsAt(model, this.groups);
    const actorPerson = personOf(model, pickActor(model, this.actor));
    const ownerId = this.owner.kind === 'none' ? null : this.owner.kind === 'self' ? actorPerson : pick(model.users, this.owner.user).id;
    const ownerLabel = ownerId === null ? 'nobody' : ownerId === model.root.id ? 'root admin' : model.users.find((user) => user.id === ownerId)?.label;
    const step = await beginStep(model, world, this.actor, `creates a key with ${groupLabels(model, groupIds)} owned by ${ownerLabel}`);
    const response = await clientOf(world, step.actor).post('/v1/keys', { projectId: model.projectId, name: 'model key', groupIds, ...(ownerId ? { ownerId } : {}) });
    answered(step, response);
    if (response.status !== 201) return;
    const key = newModelKey({ id: response.body.key.id, label: `k${model.keys.length}`, ownerId, creatorId: step.actorPerson, groupIds, end: response.body.key.end });
    model.keys.push(key);
    model.log[model.log.length - 1] += ` (${key.label})`;
    matchKey(model, key, response.body.key);
    await receiveToken(step, key, response.body.token);
  }
  toString(): string {
    return `createKey(actor ${this.actor}, groups [${this.groups}], owner ${this.owner.kind === 'other' ? `user ${this.owner.user}` : this.owner.kind})`;
  }
}

export class RegenerateKey implements KeyCommand {
  readonly actor: number;
  readonly key: number;
  readonly graceSeconds: number;
  constructor(actor: number, key: number, graceSeconds: number) {
    this.actor = actor;
    this.key = key;
    this.graceSeconds = graceSeconds;
  }
  check(model: Readonly<AuthorizationModel>): boolean {
    return liveKeys(model).length > 0;
  }
  async run(model: AuthorizationModel, world: World): Promise<void> {
    const key = pick(liveKeys(model), this.key);
    const step = await beginStep(model, world, this.actor, `regenerates ${key.label} (carries ${keyCarries(model, key).join(' ') || 'nothing'}; grace ${this.graceSeconds} s)`);
    const response = await clientOf(world, step.actor).post(`/v1/keys/${key.id}/regenerate`, { graceSeconds: this.graceSeconds });
    answered(step, response);
    if (response.status !== 200) return expectKeyUnchanged(step, key);
    // Old tokens stop now, or at the end of a grace longer than any run.
    if (this.graceSeconds === 0) revokeTokensOf(model, key.id);
    key.end = response.body.key.end;
    matchKey(model, key, response.body.key);
    await receiveToken(step, key, response.body.token);
  }
  toString(): string {
    return `regenerateKey(actor ${this.actor}, key ${this.key}, grace ${this.graceSeconds})`;
  }
}

/** A PATCH of a key: some of its settings, and perhaps new groups (by index). */
export type KeyPatch = { settings: KeySettings; groups?: number[] };

export class PatchKey implements KeyCommand {
  readonly actor: number;
  readonly key: number;
  readonly patch: KeyPatch;
  constructor(actor: number, key: number, patch: KeyPatch) {
    this.actor = actor;
    this.key = key;
    this.patch = patch;
  }
  check(model: Readonly<AuthorizationModel>): boolean {
    return liveKeys(model).length > 0;
  }
  async run(model: AuthorizationModel, world: World): Promise<void> {
    const key = pick(liveKeys(model), this.key);
    const { settings, groups } = this.patch;
    const body = settingsBody(settings);
    if (groups !== undefined) body.groupIds = groupIdsAt(model, groups);
    const shownBody = JSON.stringify({ ...body, ...(groups !== undefined ? { groupIds: groupLabels(model, body.groupIds as string[]) } : {}) });
    const step = await beginStep(model, world, this.actor, `PATCHes ${key.label} (carries ${keyCarries(model, key).join(' ') || 'nothing'}) with ${shownBody}`);
    const response = await clientOf(world, step.actor).patch(`/v1/keys/${key.id}`, body);
    answered(step, response);
    if (response.status !== 200) return expectKeyUnchanged(step, key);
    const before = { ...key };
    applySettings(key, settings);
    if (groups !== undefined) key.groupIds = body.groupIds as string[];
    matchKey(model, key, response.body);
    const widened = widenings(model, before, key);
    if (widened.length === 0) return;
    requireHeld(step, keyCarries(model, key), `${key.label}, which this change ${widened.join(', ')},`);
    requireIdentity(step, actingPerson(key), `${key.label}, which this change ${widened.join(', ')},`);
  }
  toString(): string {
    return `patchKey(actor ${this.actor}, key ${this.key}, ${JSON.stringify(this.patch)})`;
  }
}

export class DeleteKey implements KeyCommand {
  readonly actor: number;
  readonly key: number;
  constructor(actor: number, key: number) {
    this.actor = actor;
    this.key = key;
  }
  check(model: Readonly<AuthorizationModel>): boolean {
    return liveKeys(model).length > 0;
  }
  async run(model: AuthorizationModel, world: World): Promise<void> {
    const key = pick(liveKeys(model), this.key);
    const step = await beginStep(model, world, this.actor, `deletes ${key.label}`);
    const response = await clientOf(world, step.actor).delete(`/v1/keys/${key.id}`);
    answered(step, response);
    if (response.status !== 204) return expectKeyUnchanged(step, key);
    key.deleted = true;
    revokeTokensOf(model, key.id);
  }
  toString(): string {
    return `deleteKey(actor ${this.actor}, key ${this.key})`;
  }
}
