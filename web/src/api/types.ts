/**
 * The resources of Keyward's HTTP API (shared/spec/API.md), as the dashboard reads them.
 * Timestamps are ISO 8601 strings in UTC.
 */

export type Page<T> = { items: T[]; nextCursor: string | null; total: number };

export type Role = 'admin' | 'member';
export type KeyStatus = 'active' | 'inactive' | 'expired';

export type NamedRef = { id: string; name: string };
export type UserRef = { id: string; username: string };

export type Project = { id: string; name: string; keyPrefix: string; createdAt: string; updatedAt: string };

export type User = {
  id: string;
  username: string;
  role: Role;
  groups: NamedRef[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
};

export type Group = {
  id: string;
  name: string;
  description: string;
  permissions: string[];
  createdAt: string;
  updatedAt: string;
};

export type Key = {
  id: string;
  projectId: string;
  name: string;
  description: string;
  start: string;
  end: string;
  status: KeyStatus;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  createdBy: UserRef | null;
  owner: UserRef | null;
  groups: NamedRef[];
  permissions: string[];
  expiresAt: string | null;
  lastUsedAt: string | null;
  ipAllowlist: string[];
  meta: Record<string, unknown>;
};

/** A new or regenerated key: the only time the token is ever returned. */
export type IssuedKey = { key: Key; token: string };

export type AuditEvent = {
  id: string;
  at: string;
  actor: { type: string; id: string | null; name: string };
  action: string;
  target: { type: string; id: string | null };
  detail: Record<string, unknown>;
};

/** Who is signed in (GET /v1/auth/me). `permissions` are the effective grants (`*` for admins). */
export type Me = { user: User; csrfToken: string | null; permissions: string[] };

export type SetupStatus = { firstRun: boolean; instruction: string | null };

export type KeyListQuery = {
  q?: string;
  owner?: string;
  status?: KeyStatus;
  projectId?: string;
  limit?: number;
  cursor?: string;
};

export type CreateKeyBody = {
  projectId: string;
  name?: string;
  description?: string;
  owner?: string;
  groupIds?: string[];
  expiresAt?: string | null;
  ipAllowlist?: string[];
  enabled?: boolean;
};

export type UpdateKeyBody = Partial<Pick<Key, 'name' | 'description' | 'ipAllowlist' | 'enabled'>> & {
  groupIds?: string[];
  expiresAt?: string | null;
};

export type CreateUserBody = { username: string; password?: string; role: Role; groupIds?: string[] };
export type UpdateUserBody = Partial<CreateUserBody> & { active?: boolean };

export type GroupBody = { name: string; description?: string; permissions: string[] };
export type ProjectBody = { name: string; keyPrefix?: string };

export type AuditQuery = { actorId?: string; keyId?: string; action?: string; limit?: number; cursor?: string };
