import { sql, type RawBuilder } from 'kysely';
import type { WebhookEventType } from '../domain/webhook-events.ts';
import { AuditRepository } from './audit-events.ts';
import type { AuditEventTable, Db, GroupTable, IdentityTable, KeyGroupTable, KeyTable, NewRows, ProjectTable, UserTable, WebhookDeliveryTable } from './database.ts';
import type { Dialect, ReadLock } from './dialect.ts';
import { GroupRepository } from './groups.ts';
import { IdentityRepository } from './identities.ts';
import { KeySecretRepository } from './key-secrets.ts';
import { KeyRepository } from './keys.ts';
import { ProjectRepository } from './projects.ts';
import { repositoriesOf, type Repositories } from './repositories.ts';
import { UserRepository } from './users.ts';
import { DeliveryRepository } from './webhook-deliveries.ts';
import { subscribersAmong, WebhookRepository, type EnabledWebhookRow, type Subscriber } from './webhooks.ts';

/** The rows a batch's works will read, read up front: each table in one statement for all. */
export type BatchReads = {
  projects: readonly string[];
  users: readonly string[];
  usernames: readonly string[];
  identities: readonly string[];
  externalIds: readonly string[];
  groups: readonly string[];
};

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs several works in ONE transaction, as if each ran alone, in a few statements for all:
 * the rows in `reads` are read (and, where writes run side by side, held shared) up front in
 * one statement per table, so each work's look-ups of them cost no round trip; each work's
 * inserts are held back and written together at the end, one statement per table. A work that
 * throws leaves nothing behind and settles alone. Works may only insert: their other
 * statements are reads, which do not see the rows held back. If a statement fails (a row
 * refused at insert, a deadlock) the whole batch rejects, and the caller runs each work alone.
 */
export type WriteBatch = <T>(reads: BatchReads, works: readonly ((tx: Repositories) => Promise<T>)[]) => Promise<Settled<T>[]>;

/** A `WriteBatch` over a store's own write (its transaction, group-committed on SQLite). */
export function batchedWriter(write: <T>(work: (trx: Db) => Promise<T>) => Promise<T>, dialect: Dialect): WriteBatch {
  return (reads, works) => write(async (trx) => {
    const plain = repositoriesOf(trx, dialect);
    const shared = sharedRepositories(trx, dialect, await readUpFront(trx, dialect, plain, reads));
    const settled: Settled<Awaited<ReturnType<(typeof works)[number]>>>[] = [];
    const kept: HeldInserts[] = [];
    for (const work of works) {
      const held = new HeldInserts();
      try {
        settled.push({ ok: true, value: await work(heldRepositories(shared, trx, dialect, held)) });
        kept.push(held);
      } catch (error) {
        settled.push({ ok: false, error });
      }
    }
    await writeHeld(trx, dialect, plain, kept);
    return settled;
  });
}

/** What the batch read up front; absent rows are remembered as absent. */
type Known = {
  projects: Map<string, ProjectTable | undefined>;
  users: Map<string, UserTable | undefined>;
  usernames: Map<string, UserTable | undefined>;
  grants: Map<string, string[]>;
  identities: Map<string, IdentityTable | undefined>;
  externalIds: Map<string, IdentityTable | undefined>;
  groups: Map<string, GroupTable | undefined>;
  subscribers: Map<WebhookEventType, Promise<Subscriber[]>>;
  /** The enabled webhooks, where they were read up front. */
  webhooks: readonly EnabledWebhookRow[] | undefined;
};

// Held shared, in id order per table: as a single creation holds them, without deadlocking
// another batch (shared locks never wait for each other) or a writer locking them one by one.
const LOCK: ReadLock = 'share';

const unique = (ids: readonly string[]) => [...new Set(ids)];

async function readUpFront(trx: Db, dialect: Dialect, tx: Repositories, reads: BatchReads): Promise<Known> {
  const byKey = <Row, K extends keyof Row>(asked: readonly string[], rows: readonly Row[], key: K) => {
    const found = new Map<string, Row | undefined>(asked.map((value) => [value, undefined]));
    for (const row of rows) if (found.has(row[key] as string)) found.set(row[key] as string, row);
    return found;
  };
  const { projects, users, webhooks } = dialect.readsTogether ? await readTogether(trx, tx, reads) : {
    projects: await tx.projects.findMany(unique(reads.projects), LOCK),
    users: await tx.users.findMany(unique(reads.users), unique(reads.usernames), LOCK),
    webhooks: undefined,
  };
  const identities = await tx.identities.findMany(unique(reads.identities), unique(reads.externalIds), LOCK);
  const groups = await tx.groups.findMany(unique(reads.groups));
  return {
    projects: byKey(reads.projects, projects, 'id'),
    users: byKey(reads.users, users, 'id'),
    usernames: byKey(reads.usernames, users, 'username'),
    grants: await tx.users.grantsOfMany(users),
    identities: byKey(reads.identities, identities, 'id'),
    externalIds: byKey(reads.externalIds, identities, 'external_id'),
    groups: byKey(reads.groups, groups, 'id'),
    subscribers: new Map(),
    webhooks,
  };
}

/**
 * The projects and users of a batch, held shared as apart (projects, then users, each in id
 * order: PostgreSQL runs the parts of a UNION ALL in turn, and locks a sorted select's rows in
 * its order), and the enabled webhooks, in ONE statement instead of three round trips: each
 * row as JSON, tagged with its table. Only tables of text and integer columns are read this way,
 * which JSON gives back as pg would (an identity's bigint quota would come back a number, not
 * a string). Groups and grants are read after, each in a statement of its own as before: a
 * statement sees what was committed when it began, and the grants must be those the users
 * hold once their locks are granted.
 */
async function readTogether(trx: Db, tx: Repositories, reads: BatchReads) {
  const projectIds = unique(reads.projects);
  const userIds = unique(reads.users);
  const usernames = unique(reads.usernames);
  const parts = [
    ...(projectIds.length > 0 ? [sql`SELECT 'projects' AS t, to_json(x) AS r FROM (${tx.projects.findManyQuery(projectIds, LOCK)}) AS x`] : []),
    ...(userIds.length + usernames.length > 0 ? [sql`SELECT 'users' AS t, to_json(x) AS r FROM (${tx.users.findManyQuery(userIds, usernames, LOCK)}) AS x`] : []),
    sql`SELECT 'webhooks' AS t, to_json(x) AS r FROM (${tx.webhooks.enabledQuery()}) AS x`,
  ];
  const { rows } = await sql<{ t: 'projects' | 'users' | 'webhooks'; r: never }>`${sql.join(parts, sql` UNION ALL `)}`.execute(trx);
  const of = <Row>(table: string) => rows.filter((row) => row.t === table).map((row) => row.r as Row);
  return { projects: of<ProjectTable>('projects'), users: of<UserTable>('users'), webhooks: of<EnabledWebhookRow>('webhooks') };
}

/** One work's inserts, held until the batch writes them. */
class HeldInserts {
  keys: KeyTable[] = [];
  memberships: KeyGroupTable[] = [];
  secrets: { keyId: string; hash: string; createdAt: string }[] = [];
  audit: AuditEventTable[] = [];
  deliveries: WebhookDeliveryTable[] = [];
}

async function writeHeld(trx: Db, dialect: Dialect, tx: Repositories, kept: readonly HeldInserts[]): Promise<void> {
  const sets = [
    ...tx.keys.newRowsOf(kept.flatMap((held) => held.keys), kept.flatMap((held) => held.memberships)),
    ...tx.secrets.newRowsOf(kept.flatMap((held) => held.secrets)),
    ...tx.audit.newRowsOf(kept.flatMap((held) => held.audit)),
  ];
  if (dialect.insertsTogether && sets.length > 0) {
    // One statement: its foreign keys are checked at its end, when every row of it is there.
    const inserts = sets.map((set) => insertFromJson(set) ?? insertOf(trx, set));
    const last = inserts.pop()!;
    await (inserts.length === 0 ? last : sql`WITH ${sql.join(inserts.map((insert, i) => sql`${sql.ref(`held_${i}`)} AS (${insert})`))} ${last}`).execute(trx);
  } else {
    for (const set of sets) await insertOf(trx, set).execute();
  }
  await tx.deliveries.insert(kept.flatMap((held) => held.deliveries));
}

/** One multi-row insert of a set's rows, a parameter per value. */
function insertOf(trx: Db, set: NewRows) {
  // Each set's rows are its table's (NewRows pairs them); Kysely cannot follow a union of tables.
  return trx.insertInto(set.table as 'keys').values(set.rows as readonly KeyTable[]);
}

/**
 * PostgreSQL: a set's rows as ONE JSON parameter, typed by the table's own row type
 * (`json_populate_recordset`). A batch of creations held some 36 parameters per creation,
 * each a node for Kysely to build and compile and a value for pg to serialise (built and
 * compiled in process, batches of 10 and 32: 35.5 and 25.8 µs per creation, against 17.3 and
 * 12.0 for the JSON form, pg's serialisation and PostgreSQL's parsing not counted).
 * Undefined (then the parameter form is used) where JSON would not carry the same values: rows
 * of differing columns (a missing one takes its default there, NULL here), a value neither
 * text, a finite number nor null, or text PostgreSQL reads otherwise from a JSON string: a NUL
 * (refused either way, but with another error) or a lone surrogate (a parameter stores U+FFFD).
 */
function insertFromJson(set: NewRows): RawBuilder<unknown> | undefined {
  const columns = Object.keys(set.rows[0]!);
  for (const row of set.rows as readonly Record<string, unknown>[]) {
    let count = 0;
    for (const column in row) {
      const value = row[column];
      if (!(value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))) return undefined;
      count++;
    }
    if (count !== columns.length || !columns.every((column) => column in row)) return undefined;
  }
  const json = JSON.stringify(set.rows);
  // JSON.stringify writes a lone surrogate as an escape \udXXX and a NUL as \u0000; a backslash
  // of the text is escaped too, so a false alarm (text holding such an escape) only costs the
  // parameter form.
  if (json.includes('\\ud') || json.includes('\\u0000')) return undefined;
  const names = sql.join(columns.map((column) => sql.ref(column)));
  return sql`INSERT INTO ${sql.table(set.table)} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${sql.table(set.table)}, ${json}::json)`;
}

/** A look-up answered from what was read up front, when it was and the lock asked is held. */
function knownOr<Row>(map: Map<string, Row>, key: string, lock: ReadLock | undefined, read: () => Promise<Row>): Promise<Row> {
  return map.has(key) && lock !== 'update' ? Promise.resolve(map.get(key)!) : read();
}

// The repositories a batch's works see: look-ups answered from what was read up front, and
// inserts held. Classes made once (a class per call would be a new shape every time).

class KnownProjects extends ProjectRepository {
  readonly known: Known;
  constructor(db: Db, dialect: Dialect, known: Known) {
    super(db, dialect);
    this.known = known;
  }

  override find(id: string, lock?: ReadLock) {
    return knownOr(this.known.projects, id, lock, () => super.find(id, lock));
  }
}

class KnownUsers extends UserRepository {
  readonly known: Known;
  constructor(db: Db, dialect: Dialect, known: Known) {
    super(db, dialect);
    this.known = known;
  }

  override find(id: string, lock?: ReadLock) {
    return knownOr(this.known.users, id, lock, () => super.find(id, lock));
  }

  override findByUsername(username: string, lock?: ReadLock) {
    return knownOr(this.known.usernames, username, lock, () => super.findByUsername(username, lock));
  }

  override grantsOf(user: Pick<UserTable, 'id' | 'role'>) {
    return knownOr(this.known.grants, user.id, undefined, () => super.grantsOf(user));
  }
}

class KnownIdentities extends IdentityRepository {
  readonly known: Known;
  constructor(db: Db, dialect: Dialect, known: Known) {
    super(db, dialect);
    this.known = known;
  }

  override find(id: string, lock?: ReadLock) {
    return knownOr(this.known.identities, id, lock, () => super.find(id, lock));
  }

  override findByExternalId(externalId: string, lock?: ReadLock) {
    return knownOr(this.known.externalIds, externalId, lock, () => super.findByExternalId(externalId, lock));
  }
}

class KnownGroups extends GroupRepository {
  readonly known: Known;
  constructor(db: Db, dialect: Dialect, known: Known) {
    super(db, dialect);
    this.known = known;
  }

  override async findMany(ids: readonly string[]) {
    if (!ids.every((id) => this.known.groups.has(id))) return super.findMany(ids);
    return ids.map((id) => this.known.groups.get(id)).filter((group) => group !== undefined);
  }
}

class KnownWebhooks extends WebhookRepository {
  readonly known: Known;
  constructor(db: Db, dialect: Dialect, known: Known) {
    super(db, dialect);
    this.known = known;
  }

  // Read once per event type for the whole batch, as each work would have read it (or up front).
  override subscribersOf(type: WebhookEventType) {
    if (this.known.webhooks) return Promise.resolve(subscribersAmong(this.known.webhooks, type));
    let subscribers = this.known.subscribers.get(type);
    if (!subscribers) this.known.subscribers.set(type, (subscribers = super.subscribersOf(type)));
    return subscribers;
  }
}

class HeldKeys extends KeyRepository {
  readonly held: HeldInserts;
  constructor(db: Db, dialect: Dialect, held: HeldInserts) {
    super(db, dialect);
    this.held = held;
  }

  override async insert(row: KeyTable) {
    this.held.keys.push(row);
  }

  override async setGroups(keyId: string, groupIds: readonly string[], options = { replace: true }) {
    // A new key's groups (added to none) are held; a replacement is no insert, and runs now.
    if (options.replace) return super.setGroups(keyId, groupIds, options);
    this.held.memberships.push(...groupIds.map((group_id) => ({ key_id: keyId, group_id })));
  }
}

class HeldSecrets extends KeySecretRepository {
  readonly held: HeldInserts;
  constructor(db: Db, dialect: Dialect, held: HeldInserts) {
    super(db, dialect);
    this.held = held;
  }

  override async insert(keyId: string, hash: string, createdAt: string) {
    this.held.secrets.push({ keyId, hash, createdAt });
  }
}

class HeldAudit extends AuditRepository {
  readonly held: HeldInserts;
  constructor(db: Db, dialect: Dialect, held: HeldInserts) {
    super(db, dialect);
    this.held = held;
  }

  override async insert(row: AuditEventTable) {
    this.held.audit.push(row);
  }
}

class HeldDeliveries extends DeliveryRepository {
  readonly held: HeldInserts;
  constructor(db: Db, dialect: Dialect, held: HeldInserts) {
    super(db, dialect);
    this.held = held;
  }

  override async insert(rows: readonly WebhookDeliveryTable[]) {
    this.held.deliveries.push(...rows);
  }
}

/** What the whole batch shares: the transaction's repositories, with the look-ups it read. */
function sharedRepositories(trx: Db, dialect: Dialect, known: Known): Repositories {
  return {
    ...repositoriesOf(trx, dialect),
    projects: new KnownProjects(trx, dialect, known),
    users: new KnownUsers(trx, dialect, known),
    identities: new KnownIdentities(trx, dialect, known),
    groups: new KnownGroups(trx, dialect, known),
    webhooks: new KnownWebhooks(trx, dialect, known),
  };
}

/** One work's repositories: the batch's, with its inserts held. */
function heldRepositories(shared: Repositories, trx: Db, dialect: Dialect, held: HeldInserts): Repositories {
  return {
    ...shared,
    keys: new HeldKeys(trx, dialect, held),
    secrets: new HeldSecrets(trx, dialect, held),
    audit: new HeldAudit(trx, dialect, held),
    deliveries: new HeldDeliveries(trx, dialect, held),
  };
}
