import { newId } from '../domain/ids.ts';
import {
  IMPORTED_START,
  importedTokenDisplay,
  normaliseImportedHash,
  type ImportedHash,
} from '../domain/imported-token.ts';
import { authorize, holds, mayActInNameOf, seesGroups, seesPeople, type Person } from '../domain/access-policy.ts';
import { unionGrants } from '../domain/permissions.ts';
import { ProblemError, problems, type ProblemFieldError } from '../domain/problem-error.ts';
import { hashToken } from '../domain/token.ts';
import type { KeyTable } from '../store/database.ts';
import type { ImportedKeyRow } from '../store/key-secrets.ts';
import { keyViewOf, type KeyGroupRef, type KeyView } from '../store/key-views.ts';
import type { Repositories } from '../store/repositories.ts';
import { SYSTEM_ACTOR, type Actor } from './actor.ts';
import { recordAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { actorAsItStands } from './key-access.ts';
import { auditable, keyColumnsOf, MAX_META_BYTES, newKeySettings } from './key-settings.ts';
import { publishKeyEvents } from './webhooks/webhook-outbox.ts';

/** One key from another system, as `POST /v1/keys/import` takes it. */
export type ImportKeyInput = {
  hash: ImportedHash;
  name?: string;
  description?: string;
  ownerId?: string;
  owner?: string;
  groupIds?: string[];
  expiresAt?: string | null;
  enabled?: boolean;
  meta?: Record<string, unknown>;
};

export type ImportKeysInput = { projectId: string; keys: ImportKeyInput[] };
export type ImportResult = { imported: number; keys: KeyView[] };

// Enough to act on; a thousand rows of errors would only bury the first.
const MAX_REPORTED_ERRORS = 100;

function refuse(status: number, code: string, detail: string, errors: ProblemFieldError[]): never {
  const shown = errors.slice(0, MAX_REPORTED_ERRORS);
  const more = errors.length > shown.length ? ` (${errors.length} problems; the first ${shown.length} are listed)` : '';
  throw new ProblemError(status, code, `${detail}${more} Nothing was imported.`, shown);
}

/** Checks every row without the database and returns each row's SHA-256 as hex. */
function checkRows(rows: readonly ImportKeyInput[]): string[] {
  const errors: ProblemFieldError[] = [];
  const firstRowOf = new Map<string, number>();
  const hexes = rows.map((row, i) => {
    const normalised = normaliseImportedHash(row.hash);
    if ('error' in normalised) {
      errors.push({ path: `/keys/${i}/hash/value`, message: normalised.error });
      return '';
    }
    const earlier = firstRowOf.get(normalised.hex);
    if (earlier !== undefined) errors.push({ path: `/keys/${i}/hash/value`, message: `is the same hash as /keys/${earlier}` });
    else firstRowOf.set(normalised.hex, i);
    if (row.owner !== undefined && row.ownerId !== undefined) {
      errors.push({ path: `/keys/${i}/owner`, message: 'conflicts with ownerId: give one of them' });
    }
    if (row.meta !== undefined && Buffer.byteLength(JSON.stringify(row.meta)) > MAX_META_BYTES) {
      errors.push({ path: `/keys/${i}/meta`, message: `must serialise to at most ${MAX_META_BYTES} bytes of JSON` });
    }
    return normalised.hex;
  });
  if (errors.length > 0) refuse(400, 'VALIDATION_FAILED', 'Some keys to import are not valid.', errors);
  return hexes;
}

type Owner = { id: string; username: string; person: Person };

/**
 * Each row's owner (or null), refusing unknown people. Someone in whose name the actor may not
 * act (see access-policy.ts) is, to an actor who may not read people, as unknown as a person
 * who does not exist; to one who may, a 403.
 */
async function ownersOf(repos: Repositories, actor: Actor, rows: readonly ImportKeyInput[]): Promise<(Owner | null)[]> {
  const known = new Map<string, Owner | undefined>();
  const errors: ProblemFieldError[] = [];
  const owners: (Owner | null)[] = [];
  for (const [i, row] of rows.entries()) {
    const ref = row.ownerId !== undefined ? `id:${row.ownerId}` : row.owner !== undefined ? `name:${row.owner}` : undefined;
    if (ref === undefined) {
      owners.push(null);
      continue;
    }
    if (!known.has(ref)) {
      const user = row.ownerId !== undefined ? await repos.users.find(row.ownerId) : await repos.users.findByUsername(row.owner!);
      known.set(ref, user && { id: user.id, username: user.username, person: { id: user.id, role: user.role, grants: await repos.users.grantsOf(user) } });
    }
    const owner = known.get(ref);
    if (!owner || (!mayActInNameOf(actor, owner.person) && !seesPeople(actor))) {
      errors.push({ path: `/keys/${i}/${row.ownerId !== undefined ? 'ownerId' : 'owner'}`, message: 'no such user' });
    }
    owners.push(owner ?? null);
  }
  if (errors.length > 0) refuse(422, 'OWNER_NOT_FOUND', 'Some owners do not exist; create the users first or pick existing ones.', errors);
  return owners;
}

/**
 * The groups the rows name, by id, refusing unknown ones (and, to an actor who may not read
 * groups, any she could not hand out, exactly as unknown ones).
 */
async function groupsOf(repos: Repositories, actor: Actor, rows: readonly ImportKeyInput[]): Promise<Map<string, KeyGroupRef>> {
  const ids = [...new Set(rows.flatMap((row) => row.groupIds ?? []))];
  const groups = new Map((await repos.groups.findMany(ids)).map((group) => [group.id, { id: group.id, name: group.name, permissions: JSON.parse(group.permissions) as string[] }]));
  const readable = (group: KeyGroupRef | undefined) => group !== undefined && (seesGroups(actor) || holds(actor, group.permissions));
  const errors: ProblemFieldError[] = [];
  rows.forEach((row, i) => row.groupIds?.forEach((id, j) => {
    if (!readable(groups.get(id))) errors.push({ path: `/keys/${i}/groupIds/${j}`, message: `unknown group ${id}` });
  }));
  if (errors.length > 0) refuse(422, 'GROUP_NOT_FOUND', 'Some permission groups do not exist.', errors);
  return groups;
}

/** Each row against the access policy: its groups held, its owner one the actor may act for. */
function authorizeRows(actor: Actor, rows: readonly ImportKeyInput[], owners: readonly (Owner | null)[], groups: ReadonlyMap<string, KeyGroupRef>): void {
  for (const [i, row] of rows.entries()) {
    const permissions = unionGrants((row.groupIds ?? []).map((id) => groups.get(id)!.permissions));
    const verdict = authorize(actor, { do: 'key.issue', permissions, owner: owners[i]?.person ?? null });
    if (!verdict.allowed) throw new ProblemError(403, 'FORBIDDEN', `/keys/${i}: ${verdict.reason}`);
  }
}

/**
 * Imports keys issued by another system, all or nothing: each verifies with its original
 * token, found by the token's SHA-256 until its first successful verification.
 */
export async function importKeys(ctx: ServiceContext, actor: Actor, input: ImportKeysInput): Promise<ImportResult> {
  const hexes = checkRows(input.keys);
  const now = ctx.clock();
  const nowIso = new Date(now).toISOString();
  const keys = await ctx.write(async (tx) => {
    const project = await tx.projects.find(input.projectId);
    if (!project) {
      throw new ProblemError(422, 'PROJECT_NOT_FOUND', `No project with id ${input.projectId}.`, [{ path: '/projectId', message: 'unknown project' }]);
    }
    actor = await actorAsItStands(tx, actor);
    const owners = await ownersOf(tx, actor, input.keys);
    const groups = await groupsOf(tx, actor, input.keys);
    authorizeRows(actor, input.keys, owners, groups);
    const taken = await tx.secrets.stored(hexes);
    if (taken.size > 0) {
      const errors = hexes.flatMap((hex, i) => (taken.has(hex) ? [{ path: `/keys/${i}/hash/value`, message: 'is already imported' }] : []));
      refuse(409, 'CONFLICT', 'Some of these keys are already imported.', errors);
    }
    const creator = actor.userId === 'system' ? null : { id: actor.userId, username: actor.username };
    const rows: ImportedKeyRow[] = input.keys.map((row, i) => {
      const { name, description, expiresAt, enabled, meta } = row;
      const key: KeyTable = {
        ...(keyColumnsOf(newKeySettings({ name, description, expiresAt, enabled, meta }), nowIso) as Omit<KeyTable, 'id'>),
        id: newId('key', now),
        project_id: project.id,
        // No token has been seen yet: the placeholder stays until its first verification.
        token_start: IMPORTED_START,
        token_end: '',
        owner_id: owners[i]?.id ?? null,
        created_by: creator?.id ?? null,
        identity_id: null,
        last_used_at: null,
        created_at: nowIso,
      };
      return { key, sha256: hexes[i]!, groupIds: [...new Set(row.groupIds ?? [])] };
    });
    await tx.secrets.insertImported(rows);
    const views: KeyView[] = [];
    for (const [i, row] of rows.entries()) {
      const people = { owner_username: owners[i]?.username ?? null, creator_username: creator?.username ?? null, identity_external_id: null };
      const view = keyViewOf({ ...row.key, ...people }, row.groupIds.map((id) => groups.get(id)!), now);
      await recordAudit(tx, actor, { action: 'key.imported', targetType: 'key', targetId: view.id, detail: { after: auditable(view) } }, now);
      views.push(view);
    }
    await publishKeyEvents(tx, 'key.created', views, now);
    return views;
  });
  // A negative cache entry is keyed by the token's keyed hash, which an import cannot know:
  // forget them all, so a token tried just before its import verifies right after it.
  ctx.cache.clear();
  importedSecretsSeen(ctx);
  return { imported: keys.length, keys };
}

// Whether this store holds imported secrets, per service context. Until a first import,
// tokens not in our format are refused without I/O, as before imports existed; the answer is
// re-read at most every 30 s, which bounds how late another node's first import is noticed.
const IMPORTED_CHECK_MS = 30_000;
type ImportedState = { exists: boolean; checkedAt: number; checking?: Promise<boolean> };
const importedState = new WeakMap<ServiceContext, ImportedState>();

function importedSecretsSeen(ctx: ServiceContext): void {
  importedState.set(ctx, { exists: true, checkedAt: ctx.clock() });
}

/** Whether any imported key may exist, from memory when it was asked within 30 s. */
export async function importedSecretsMayExist(ctx: ServiceContext): Promise<boolean> {
  const now = ctx.clock();
  const state = importedState.get(ctx);
  if (state && now - state.checkedAt < IMPORTED_CHECK_MS) return state.exists;
  if (state?.checking) return state.checking;
  const checking: Promise<boolean> = ctx.store.secrets.anyImported().then(
    (exists) => {
      // An import that finished meanwhile has already said "yes"; a read from before it must not undo that.
      if (importedState.get(ctx)?.checking === checking) importedState.set(ctx, { exists, checkedAt: ctx.clock() });
      return exists;
    },
    (error: unknown) => {
      if (importedState.get(ctx)?.checking === checking) importedState.set(ctx, { exists: state?.exists ?? false, checkedAt: state?.checkedAt ?? -Infinity });
      throw error;
    },
  );
  importedState.set(ctx, { exists: state?.exists ?? false, checkedAt: state?.checkedAt ?? -Infinity, checking });
  return checking;
}

/**
 * After an imported key's first successful verification: stores the keyed hash of its token
 * in place of the SHA-256 it was imported with (the SHA-256 alone would let anyone holding a
 * copy of the database test guesses offline), shows the token's start and end from now on,
 * and drops the key from the cache so the next look-up finds it by the keyed hash.
 */
export async function upgradeImportedKey(ctx: ServiceContext, keyId: string, token: string, sha256: string): Promise<void> {
  const now = ctx.clock();
  const display = importedTokenDisplay(token);
  await ctx.write(async (tx) => {
    const upgraded = await tx.secrets.upgradeImported({
      keyId,
      sha256,
      hmac: hashToken(ctx.secret, token),
      display,
      placeholderStart: IMPORTED_START,
      nowIso: new Date(now).toISOString(),
    });
    if (upgraded) {
      await recordAudit(tx, SYSTEM_ACTOR, { action: 'key.rehashed', targetType: 'key', targetId: keyId, detail: { from: 'sha256', to: 'hmac-sha256', display: display ?? null } }, now);
    }
  });
  ctx.cache.invalidateKey(keyId);
}
