import type { Generated, Kysely } from 'kysely';

// Portable column types: booleans as 0/1 integers, timestamps as ISO-8601 UTC strings (they
// sort as text), JSON as text. The same migrations then run on SQLite and PostgreSQL.


/** 0 or 1. */
export type Flag = number;

export type ProjectTable = {
  id: string;
  name: string;
  key_prefix: string;
  created_at: string;
  updated_at: string;
};

export type UserTable = {
  id: string;
  username: string;
  password_hash: string | null;
  role: 'admin' | 'member';
  active: Flag;
  created_at: string;
  updated_at: string;
};

export type GroupTable = {
  id: string;
  name: string;
  description: string;
  /** JSON array of permission strings. */
  permissions: string;
  created_at: string;
  updated_at: string;
};

export type UserGroupTable = { user_id: string; group_id: string };
export type KeyGroupTable = { key_id: string; group_id: string };

export type KeyTable = {
  id: string;
  project_id: string;
  name: string;
  description: string;
  token_start: string;
  token_end: string;
  enabled: Flag;
  owner_id: string | null;
  created_by: string | null;
  expires_at: string | null;
  last_used_at: string | null;
  /** JSON array of addresses and CIDRs. */
  ip_allowlist: string;
  /** JSON object. */
  meta: string;
  /** JSON array of named limits `{name, limit, durationMs, autoApply}` (the old single one is `default`). */
  ratelimits: string;
  /** The identity (one of your customers) the key belongs to, or null. */
  identity_id: string | null;
  remaining: number | null;
  /** JSON `{amount, interval}` or null. */
  refill: string | null;
  /** When the quota was last refilled (ISO-8601), or null: not since the refill was set. */
  last_refill_at: string | null;
  created_at: string;
  updated_at: string;
};

/** Every hash under which a key can be found: its current token and any still in grace. */
export type KeySecretTable = {
  hash: string;
  key_id: string;
  /** 'hmac-sha256' for our own tokens. */
  algorithm: string;
  expires_at: string | null;
  created_at: string;
};

export type SessionTable = {
  /** SHA-256 of the cookie value: a stolen database holds no usable session. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
};

export type AuditEventTable = {
  id: string;
  at: string;
  actor_type: 'user' | 'key' | 'system' | 'portal';
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string | null;
  /** Set when the event concerns a key, for the `keyId` filter. */
  key_id: string | null;
  /** JSON object: before/after, never a secret. */
  detail: string;
};

export type UsageCountTable = {
  key_id: string;
  granularity: 'minute' | 'hour';
  bucket_start: string;
  outcome: string;
  count: number;
};

export type UsageTagCountTable = { key_id: string; bucket_start: string; tag: string; count: number };

/** Verifications of one key carried by one write-behind flush, kept a while for its page. */
export type KeyVerificationTable = {
  /** Generated: the order rows were written in. */
  seq: Generated<number>;
  key_id: string;
  /** The time of the newest verification in the row (ISO), for the 7-day retention. */
  last_at: string;
  /** How many verifications `entries` holds. */
  count: number;
  /** JSON: `[[ms since the epoch, outcome, client address or null, tags?], …]`, oldest first. */
  entries: string;
};

export type WebhookTable = {
  id: string;
  /** Null: every project's events. */
  project_id: string | null;
  url: string;
  /** JSON array of event types. */
  events: string;
  enabled: Flag;
  description: string;
  /** With KEYWARD_SECRET, derives the signing secret; the secret itself is never stored. */
  secret_salt: string;
  /** 8 hex characters of SHA-256 of the secret: notices a changed KEYWARD_SECRET. */
  secret_check: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** The outbox: one event for one webhook, with its retry state and lease. */
export type WebhookDeliveryTable = {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  /** The JSON body, exactly as signed and sent. */
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** When a pending delivery is due; null once delivered or failed. */
  next_attempt_at: string | null;
  lease_token: string | null;
  lease_until: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
};

export type WebhookAttemptTable = {
  delivery_id: string;
  attempt: number;
  started_at: string;
  duration_ms: number;
  response_status: number | null;
  error: string | null;
  response_excerpt: string | null;
};

/** One row per expiry notice sent (or due): its primary key makes each happen once. */
export type KeyExpiryNoticeTable = { key_id: string; notice: string; expires_at: string; created_at: string };

/** One of the customers of the teams that run Keyward: keys point at it and share its limits. */
export type IdentityTable = {
  id: string;
  /** Your own id for the customer: unique. */
  external_id: string;
  /** JSON object, returned with every verification of its keys. */
  meta: string;
  /** JSON array of named limits, shared by its keys. */
  ratelimits: string;
  /** A quota shared by its keys, or null. */
  remaining: number | null;
  /** JSON `{amount, interval}` or null. */
  refill: string | null;
  last_refill_at: string | null;
  created_at: string;
  updated_at: string;
};

/** A portal link and, once used, the session it became (see migration 0009). */
export type PortalSessionTable = {
  id: string;
  /** SHA-256 of the link's secret. */
  link_hash: string;
  /** SHA-256 of the session cookie, once the link was used. */
  session_hash: string | null;
  project_id: string;
  identity_id: string;
  /** JSON array of group ids. */
  group_ids: string;
  return_url: string | null;
  ttl_seconds: number;
  csrf_token: string;
  link_expires_at: string;
  used_at: string | null;
  session_expires_at: string | null;
  created_by: string | null;
  created_at: string;
};

export type Database = {
  projects: ProjectTable;
  users: UserTable;
  groups: GroupTable;
  user_groups: UserGroupTable;
  keys: KeyTable;
  key_groups: KeyGroupTable;
  key_secrets: KeySecretTable;
  sessions: SessionTable;
  audit_events: AuditEventTable;
  usage_counts: UsageCountTable;
  usage_tag_counts: UsageTagCountTable;
  key_verifications: KeyVerificationTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  key_expiry_notices: KeyExpiryNoticeTable;
  identities: IdentityTable;
  portal_sessions: PortalSessionTable;
};

export type Db = Kysely<Database>;

/** New rows of one table, written together (a batch of creations holds its inserts as these). */
export type NewRows = { [T in keyof Database]: { table: T; rows: readonly Database[T][] } }[keyof Database];

/** Runs a unit of work in a transaction and resolves once it is committed. */
export type WriteTransaction = <T>(work: (trx: Db) => Promise<T>) => Promise<T>;
