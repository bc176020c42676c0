import type { paths } from './generated/openapi.ts';

// Named shapes of the API, read from the generated `paths` so they cannot drift from the
// served document. Every name here is a type only.

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type Ok<Operation> = Operation extends { responses: infer R } ? Json<R[200 & keyof R]> | Json<R[201 & keyof R]> : never;
type BodyOf<Operation> = Operation extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type QueryOf<Operation> = Operation extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** A page of a list: `{items, nextCursor, total}`. */
/** A list page; `totalCapped` (key searches only): more matched than were counted, `total` is a lower bound. */
export type Page<Item> = { items: Item[]; nextCursor: string | null; total: number; totalCapped?: true };

/** A key as the API returns it (never with its token). */
export type Key = Ok<paths['/v1/keys/{id}']['get']>;
/** `active`, `inactive` (disabled) or `expired`. */
export type KeyStatus = Key['status'];
/** At most `limit` verifications per `windowMs` milliseconds. */
export type RateLimit = NonNullable<Key['ratelimit']>;
/** `remaining` is set back to `amount` every day or month (UTC). */
export type Refill = NonNullable<Key['refill']>;
/** A new or regenerated key with its token: the only time the token is ever seen. */
export type IssuedKey = Ok<paths['/v1/keys']['post']>;
export type KeyCreate = BodyOf<paths['/v1/keys']['post']>;
export type KeyUpdate = BodyOf<paths['/v1/keys/{id}']['patch']>;
export type KeyListQuery = QueryOf<paths['/v1/keys']['get']>;
export type KeyRegenerate = BodyOf<paths['/v1/keys/{id}/regenerate']['post']>;
/** Keys issued by another system, by the SHA-256 of their tokens (at most 1,000, all or nothing). */
export type KeyImport = BodyOf<paths['/v1/keys/import']['post']>;
export type KeyImportResult = Ok<paths['/v1/keys/import']['post']>;
/** One key of an import: the SHA-256 of its token and its settings. */
export type KeyImportRow = KeyImport['keys'][number];
/** One key's verifications over time, per outcome and tag. */
export type KeyUsage = Ok<paths['/v1/keys/{id}/usage']['get']>;
export type KeyUsageQuery = QueryOf<paths['/v1/keys/{id}/usage']['get']>;
/** Verifications in one bucket: the total and the count per verification code. */
export type UsageBucket = KeyUsage['buckets'][number];
export type UsageGranularity = NonNullable<KeyUsageQuery['granularity']>;
/** One of a key's recent verifications (`keys.verifications()`). */
export type KeyVerification = Ok<paths['/v1/keys/{id}/verifications']['get']>['items'][number];
export type KeyVerificationListQuery = QueryOf<paths['/v1/keys/{id}/verifications']['get']>;
/** A project by id and name only, as `keys.projects()` lists them. */
export type ProjectName = Ok<paths['/v1/keys/projects']['get']>['items'][number];
/** Verifications of every key the caller sees, over time, with the top keys. */
export type UsageOverview = Ok<paths['/v1/usage']['get']>;
export type UsageOverviewQuery = QueryOf<paths['/v1/usage']['get']>;

export type Project = Ok<paths['/v1/projects/{id}']['get']>;
export type ProjectCreate = BodyOf<paths['/v1/projects']['post']>;
export type ProjectUpdate = BodyOf<paths['/v1/projects/{id}']['patch']>;
export type ProjectListQuery = QueryOf<paths['/v1/projects']['get']>;

export type User = Ok<paths['/v1/users/{id}']['get']>;
/** `admin` (everything) or `member` (what their groups grant). */
export type Role = User['role'];
export type UserCreate = BodyOf<paths['/v1/users']['post']>;
export type UserUpdate = BodyOf<paths['/v1/users/{id}']['patch']>;
export type UserListQuery = QueryOf<paths['/v1/users']['get']>;

export type Group = Ok<paths['/v1/groups/{id}']['get']>;
export type GroupCreate = BodyOf<paths['/v1/groups']['post']>;
export type GroupUpdate = BodyOf<paths['/v1/groups/{id}']['patch']>;
export type GroupListQuery = QueryOf<paths['/v1/groups']['get']>;

export type AuditEvent = Ok<paths['/v1/audit']['get']>['items'][number];
export type AuditListQuery = QueryOf<paths['/v1/audit']['get']>;

/** One of your customers (not a console user): keys point at it and share its limits, quota and meta. */
export type Identity = Ok<paths['/v1/identities/{id}']['get']>;
export type IdentityCreate = BodyOf<paths['/v1/identities']['post']>;
export type IdentityUpdate = BodyOf<paths['/v1/identities/{id}']['patch']>;
/** `q` (part of the external id), `limit`, `cursor`. */
export type IdentityListQuery = QueryOf<paths['/v1/identities']['get']>;

/** A named rate limit of a key or identity, as the API answers it. */
export type NamedLimit = Identity['ratelimits'][number];
/** A named limit as a body gives it (`autoApply` defaults to true: else it applies only to verifications that name it). */
export type NamedLimitSetting = NonNullable<IdentityCreate['ratelimits']>[number];

/** The signed-in identity behind the client's credential (`GET /v1/auth/me`). */
export type Me = Ok<paths['/v1/auth/me']['get']>;
/** What `auth.changePassword()` sends. */
export type PasswordChange = BodyOf<paths['/v1/auth/password']['post']>;
/** What `auth.login()` sends; it answers the user and the session's CSRF token. */
export type LoginRequest = BodyOf<paths['/v1/auth/login']['post']>;
/** Whether Keyward has no user yet, and how to create the first admin then (`GET /v1/auth/setup`). */
export type SetupStatus = Ok<paths['/v1/auth/setup']['get']>;

/** What `verify()` sends: the token, and optionally the project, permissions, caller address, cost, named limits and tags. */
export type VerifyRequest = BodyOf<paths['/v1/keys/verify']['post']>;
/** What `verify()` answers: `valid`, a `code`, the key's id, owner, permissions and identity, and the limits that applied. */
export type VerifyResult = Ok<paths['/v1/keys/verify']['post']>;
/** A named limit a verification spends, with its cost (default 1): `{ name: 'tokens', cost: 5 }`. */
export type LimitRequest = NonNullable<VerifyRequest['ratelimits']>[number];
/** How a limit stood after a verification: `{name, limit, remaining, resetAt, exceeded}`. */
export type LimitAnswer = NonNullable<VerifyResult['ratelimits']>[number];
/** The identity a verified key belongs to, with its meta: `{id, externalId, meta}`. */
export type VerifiedIdentity = NonNullable<VerifyResult['identity']>;
/** One of `VALID`, `NOT_FOUND`, `DISABLED`, `EXPIRED`, `IP_NOT_ALLOWED`, `INSUFFICIENT_PERMISSIONS`, `RATE_LIMITED`, `USAGE_EXCEEDED`. */
export type VerificationCode = VerifyResult['code'];

/** An RFC 9457 problem as Keyward answers errors. */
export type Problem = { type: string; title: string; status: number; detail: string; code: string; errors?: { path: string; message: string }[] };

/** A webhook as the API returns it (never with its signing secret). */
export type Webhook = Ok<paths['/v1/webhooks/{id}']['get']>;
/** A new webhook, or one whose secret was rotated, with the signing secret: the only time it is seen. */
export type IssuedWebhook = Ok<paths['/v1/webhooks']['post']>;
export type WebhookCreate = BodyOf<paths['/v1/webhooks']['post']>;
export type WebhookUpdate = BodyOf<paths['/v1/webhooks/{id}']['patch']>;
export type WebhookListQuery = QueryOf<paths['/v1/webhooks']['get']>;
export type WebhookDeliveryListQuery = QueryOf<paths['/v1/webhooks/{id}/deliveries']['get']>;
/** One delivery of an event to a webhook, with every attempt (as the delivery log and a test send answer it). */
export type WebhookDelivery = Json<paths['/v1/webhooks/{id}/test']['post']['responses'][202]>;

/** A single-use link to the self-service portal for one identity in one project (`POST /v1/portal/sessions`). */
export type PortalSessionCreate = BodyOf<paths['/v1/portal/sessions']['post']>;
/** `{url, expiresAt}`: open `url` once, before `expiresAt`. */
export type PortalSession = Ok<paths['/v1/portal/sessions']['post']>;
/** A portal session as its browser sees it (`portal.session()`): project, identity, offered groups, `returnUrl`, `expiresAt`, `csrfToken`. */
export type PortalScope = Ok<paths['/v1/portal/session']['get']>;
/** A key made in the portal: `name?`, `groupIds?` (among the session's groups), `expiresAt?`. */
export type PortalKeyCreate = BodyOf<paths['/v1/portal/keys']['post']>;
/** What the portal may change of a key: `name`, `enabled`. */
export type PortalKeyUpdate = BodyOf<paths['/v1/portal/keys/{id}']['patch']>;
export type PortalKeyListQuery = QueryOf<paths['/v1/portal/keys']['get']>;
