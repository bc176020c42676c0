/**
 * The resources of Keyward's HTTP API as the dashboard reads them: the SDK's types, which are
 * generated from the served OpenAPI document (`npm run generate:sdk`), so the dashboard cannot
 * drift from the routes. Type-only imports: nothing of the SDK reaches the browser bundle.
 * Timestamps are ISO 8601 strings in UTC.
 */
import type * as Api from '../../../packages/sdk/src/types.ts';

export type { Page } from '../../../packages/sdk/src/types.ts';

export type Project = Api.Project;
export type User = Api.User;
export type Group = Api.Group;
export type Key = Api.Key;
/** A new or regenerated key: the only time the token is ever returned. */
export type IssuedKey = Api.IssuedKey;
export type AuditEvent = Api.AuditEvent;
/** Who is signed in (GET /v1/auth/me). `permissions` are the effective grants (`*` for admins). */
export type Me = Api.Me;
export type SetupStatus = Api.SetupStatus;

export type Role = User['role'];
export type KeyStatus = Key['status'];
export type NamedRef = Key['groups'][number];
export type UserRef = NonNullable<Key['owner']>;
/** At most `limit` verifications per `windowMs` milliseconds. */
export type RateLimit = NonNullable<Key['ratelimit']>;
/** `remaining` is set back to `amount` every day or month (UTC). */
export type Refill = NonNullable<Key['refill']>;

/** The keys list's query; `expiresBefore` lists keys that expire before then and have not yet. */
export type KeyListQuery = Api.KeyListQuery;
export type CreateKeyBody = Api.KeyCreate;
export type UpdateKeyBody = Api.KeyUpdate;
export type CreateUserBody = Api.UserCreate;
export type UpdateUserBody = Api.UserUpdate;
export type GroupBody = Api.GroupCreate;
export type ProjectBody = Api.ProjectCreate;
export type AuditQuery = Api.AuditListQuery;

/** Keys from another system for POST /v1/keys/import: the SHA-256 of each token, never the token. */
export type ImportKeysBody = Api.KeyImport;
export type ImportKeyBody = ImportKeysBody['keys'][number];
export type ImportKeysResult = Api.KeyImportResult;

export type UsageQuery = Api.KeyUsageQuery;
export type UsageGranularity = NonNullable<UsageQuery['granularity']>;
export type KeyUsage = Api.KeyUsage;
export type UsageOverview = Api.UsageOverview;
/** Verifications in one bucket: the total and the count per verification code. */
export type UsageBucket = KeyUsage['buckets'][number];
