import { unionGrants } from '../domain/permissions.ts';
import { ProblemError } from '../domain/problem-error.ts';
import type { Repositories } from '../store/repositories.ts';
import type { BatchReads, Settled } from '../store/write-batch.ts';
import { enforce, SYSTEM_ACTOR, type Actor } from './actor.ts';
import type { ServiceContext } from './context.ts';
import { resolveGrantableGroups } from './groups.ts';
import { actorAsItStands, resolveIdentity, resolveOwner } from './key-access.ts';
import { checkRefill, checkSettings, type KeySettings } from './key-settings.ts';
import { storeNewKey, type IssuedKey } from './key-writes.ts';

export type CreateKeyInput = KeySettings & { projectId: string; ownerId?: string; owner?: string };

type Creation = { actor: Actor; input: CreateKeyInput; now: number; settle: (outcome: Settled<IssuedKey>) => void };

// Creations that arrive together are written together (see WriteBatch): on PostgreSQL each
// statement is a round trip, and the server's CPU per creation was mostly spent sending them
// (writev to the database's socket: 20% of a profile under load), not in Keyward's own work.
// A batch is bounded so that one never holds its row locks, or the embedded store's writer,
// for long; two may run at once, so one is read from the network while the other is written,
// the second only when at least MIN_BESIDE creations wait (measured on PostgreSQL under 20
// connections: 1.2 statements per creation with any number, 0.8 with 8).
const MAX_BATCH = 32;
const MAX_IN_FLIGHT = 2;
const MIN_BESIDE = 8;

/**
 * Issues a key: checks every reference and the no-escalation rule, stores only the hash.
 * The answer is built from what the transaction already holds: no re-read (creation speed).
 */
export async function createKey(ctx: ServiceContext, actor: Actor, input: CreateKeyInput): Promise<IssuedKey> {
  checkSettings(input);
  checkRefill(input.remaining, input.refill);
  const now = ctx.clock();
  const outcome = await new Promise<Settled<IssuedKey>>((settle) => queueOf(ctx).add({ actor, input, now, settle }));
  if (!outcome.ok) throw outcome.error;
  // No cache is told: the token did not exist before this write made it, so no node can hold
  // it as unknown (telling them cost every creation a NOTIFY and its echo on PostgreSQL).
  return outcome.value;
}

/**
 * One creation, inside the transaction it shares with others. The project and the owner may
 * not be deleted while the key is written (a forced deletion waits, then deletes this key too;
 * one that came first leaves nothing to find here): they are read shared, as is the actor,
 * whose grants are those the transaction finds (a deactivation or a lost group that answered
 * while this request waited counts).
 */
async function createOne(ctx: ServiceContext, tx: Repositories, creation: Creation): Promise<IssuedKey> {
  const { input, now } = creation;
  const project = await tx.projects.find(input.projectId, 'share');
  if (!project) {
    throw new ProblemError(422, 'PROJECT_NOT_FOUND', `No project with id ${input.projectId}.`, [
      { path: '/projectId', message: 'unknown project' },
    ]);
  }
  const actor = await actorAsItStands(tx, creation.actor);
  const owner = await resolveOwner(tx, actor, input, 'share');
  const identity = await resolveIdentity(tx, actor, input, 'share');
  const groups = input.groupIds?.length ? await resolveGrantableGroups(tx, actor, input.groupIds, [], 'Giving a key these groups') : [];
  // A key acts in its owner's name: only for yourself, or (admins) for someone you out-hold.
  enforce(actor, { do: 'key.issue', permissions: unionGrants(groups.map((group) => group.permissions)), owner: owner?.person ?? null });
  const creator = actor.userId === SYSTEM_ACTOR.userId ? null : { id: actor.userId, username: actor.username };
  return storeNewKey(ctx, tx, actor, { project, settings: input, groups, owner, creator, identity: identity ?? null }, now);
}

/** The rows a batch of creations looks up: read up front, one statement per table for all. */
function readsOf(creations: readonly Creation[]): BatchReads {
  const defined = (values: readonly (string | null | undefined)[]) => values.filter((value): value is string => typeof value === 'string');
  return {
    projects: creations.map((creation) => creation.input.projectId),
    users: defined(creations.flatMap((creation) => [creation.actor.userId === SYSTEM_ACTOR.userId ? undefined : creation.actor.userId, creation.input.ownerId])),
    usernames: defined(creations.map((creation) => creation.input.owner)),
    identities: defined(creations.map((creation) => creation.input.identityId)),
    externalIds: defined(creations.map((creation) => creation.input.externalId)),
    groups: creations.flatMap((creation) => creation.input.groupIds ?? []),
  };
}

/** Writes creations together; if a statement fails for the batch, each is written alone, so it fails alone. */
async function writeTogether(ctx: ServiceContext, creations: readonly Creation[]): Promise<void> {
  const alone = (creation: Creation) => ctx.writeBatch(readsOf([creation]), [(tx) => createOne(ctx, tx, creation)]).then(([outcome]) => outcome!, (error: unknown) => ({ ok: false as const, error }));
  let outcomes: Settled<IssuedKey>[];
  try {
    outcomes = await ctx.writeBatch(readsOf(creations), creations.map((creation) => (tx: Repositories) => createOne(ctx, tx, creation)));
  } catch (error) {
    outcomes = creations.length === 1 ? [{ ok: false, error }] : await Promise.all(creations.map(alone));
  }
  creations.forEach((creation, i) => creation.settle(outcomes[i]!));
}

/** The creations waiting for a batch, per service context. */
class CreationQueue {
  readonly #ctx: ServiceContext;
  #waiting: Creation[] = [];
  #inFlight = 0;
  #scheduled = false;

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }

  add(creation: Creation): void {
    this.#waiting.push(creation);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= MAX_IN_FLIGHT || this.#waiting.length === 0) return;
    this.#scheduled = true;
    // After this turn of the event loop: the requests already read in it join the batch.
    setImmediate(() => {
      this.#scheduled = false;
      if (this.#inFlight >= MAX_IN_FLIGHT) return;
      // A second batch beside a running one only for enough creations: each batch costs its
      // few round trips whatever its size (fewer waiting wait for the running one to end).
      if (this.#inFlight > 0 && this.#waiting.length < MIN_BESIDE) return;
      const batch = this.#waiting.splice(0, MAX_BATCH);
      if (batch.length === 0) return;
      this.#inFlight++;
      void writeTogether(this.#ctx, batch).catch((error: unknown) => {
        for (const creation of batch) creation.settle({ ok: false, error });
      }).finally(() => {
        this.#inFlight--;
        this.#schedule();
      });
      this.#schedule();
    });
  }
}

const queues = new WeakMap<ServiceContext, CreationQueue>();

function queueOf(ctx: ServiceContext): CreationQueue {
  let queue = queues.get(ctx);
  if (!queue) queues.set(ctx, (queue = new CreationQueue(ctx)));
  return queue;
}
