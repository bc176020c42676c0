import type {
  AuditEvent,
  AuditQuery,
  CreateKeyBody,
  CreateUserBody,
  Group,
  GroupBody,
  ImportKeysBody,
  ImportKeysResult,
  IssuedKey,
  Key,
  KeyListQuery,
  KeyUsage,
  Me,
  Page,
  Project,
  ProjectBody,
  SetupStatus,
  UpdateKeyBody,
  UpdateUserBody,
  UsageOverview,
  UsageQuery,
  User,
} from './types.ts';

/** A refused call: the server's RFC 9457 problem (`detail` is the message for people). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: { path: string; message: string }[];
  /** Set when this 401 ended the session: the sign-in page tells the person, not a notification. */
  endedSession = false;

  constructor(status: number, code: string, detail: string, errors: { path: string; message: string }[] = []) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.errors = errors;
  }

  /** The server's message (RFC 9457 `detail`). */
  get detail(): string {
    return this.message;
  }
}

type Query = Record<string, string | number | boolean | undefined>;

// The session cookie is HttpOnly; the CSRF token that every write must carry lives here,
// in memory only, from /v1/auth/login or /v1/auth/me.
let csrfToken: string | null = null;
let sessionEndedListener: ((error: ApiError) => void) | undefined;

/** Called when a call made within a session answers 401: the session has ended. */
export function onSessionEnded(listener: (error: ApiError) => void): () => void {
  sessionEndedListener = listener;
  return () => {
    if (sessionEndedListener === listener) sessionEndedListener = undefined;
  };
}

function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function call<T>(method: string, path: string, options: { body?: unknown; query?: Query } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path + queryString(options.query), {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const problem = (body ?? {}) as { code?: string; detail?: string; errors?: { path: string; message: string }[] };
    const error = new ApiError(
      response.status,
      problem.code ?? 'HTTP_ERROR',
      problem.detail ?? `The server answered ${response.status} ${response.statusText}.`,
      problem.errors,
    );
    // A 401 while we hold a session means it expired or was ended elsewhere.
    if (response.status === 401 && csrfToken !== null) {
      csrfToken = null;
      error.endedSession = true;
      sessionEndedListener?.(error);
    }
    throw error;
  }
  return body as T;
}

/** Fetches every page of a list (for selects and the CSV export). */
async function all<T>(list: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

const MAX_LIMIT = 100;

/**
 * Keyward's public HTTP API, typed. The dashboard reads and writes only through this object
 * (wrapped in TanStack Query hooks by queries.ts).
 */
export const api = {
  auth: {
    setup: () => call<SetupStatus>('GET', '/v1/auth/setup'),
    /** Who is signed in, or null without a session. */
    me: async (): Promise<Me | null> => {
      try {
        const me = await call<Me>('GET', '/v1/auth/me');
        csrfToken = me.csrfToken;
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    login: async (body: { username: string; password: string }) => {
      const result = await call<{ user: User; csrfToken: string }>('POST', '/v1/auth/login', { body });
      csrfToken = result.csrfToken;
      return result;
    },
    logout: async () => {
      await call<void>('POST', '/v1/auth/logout');
      csrfToken = null;
    },
  },
  projects: {
    all: () => all((cursor) => call<Page<Project>>('GET', '/v1/projects', { query: { limit: MAX_LIMIT, cursor } })),
    list: (query: { limit?: number; cursor?: string }) => call<Page<Project>>('GET', '/v1/projects', { query }),
    create: (body: ProjectBody) => call<Project>('POST', '/v1/projects', { body }),
    update: (id: string, body: Partial<ProjectBody>) => call<Project>('PATCH', `/v1/projects/${encodeURIComponent(id)}`, { body }),
    delete: (id: string, options: { force?: boolean } = {}) =>
      call<void>('DELETE', `/v1/projects/${encodeURIComponent(id)}`, { query: { force: options.force || undefined } }),
  },
  users: {
    all: () => all((cursor) => call<Page<User>>('GET', '/v1/users', { query: { limit: MAX_LIMIT, cursor } })),
    list: (query: { q?: string; limit?: number; cursor?: string }) => call<Page<User>>('GET', '/v1/users', { query }),
    create: (body: CreateUserBody) => call<User>('POST', '/v1/users', { body }),
    update: (id: string, body: UpdateUserBody) => call<User>('PATCH', `/v1/users/${encodeURIComponent(id)}`, { body }),
    delete: (id: string, options: { force?: boolean } = {}) =>
      call<void>('DELETE', `/v1/users/${encodeURIComponent(id)}`, { query: { force: options.force || undefined } }),
  },
  groups: {
    all: () => all((cursor) => call<Page<Group>>('GET', '/v1/groups', { query: { limit: MAX_LIMIT, cursor } })),
    list: (query: { limit?: number; cursor?: string }) => call<Page<Group>>('GET', '/v1/groups', { query }),
    create: (body: GroupBody) => call<Group>('POST', '/v1/groups', { body }),
    update: (id: string, body: Partial<GroupBody>) => call<Group>('PATCH', `/v1/groups/${encodeURIComponent(id)}`, { body }),
    delete: (id: string) => call<void>('DELETE', `/v1/groups/${encodeURIComponent(id)}`),
  },
  keys: {
    list: (query: KeyListQuery) => call<Page<Key>>('GET', '/v1/keys', { query }),
    /** Every key matching the filters, page by page (the CSV export). */
    all: (query: Omit<KeyListQuery, 'limit' | 'cursor'>) =>
      all((cursor) => call<Page<Key>>('GET', '/v1/keys', { query: { ...query, limit: MAX_LIMIT, cursor } })),
    create: (body: CreateKeyBody) => call<IssuedKey>('POST', '/v1/keys', { body }),
    update: (id: string, body: UpdateKeyBody) => call<Key>('PATCH', `/v1/keys/${encodeURIComponent(id)}`, { body }),
    delete: (id: string) => call<void>('DELETE', `/v1/keys/${encodeURIComponent(id)}`),
    regenerate: (id: string, graceSeconds: number) =>
      call<IssuedKey>('POST', `/v1/keys/${encodeURIComponent(id)}/regenerate`, { body: { graceSeconds } }),
    /** Keys issued elsewhere, by the SHA-256 of their tokens: all of `body.keys` or none. */
    import: (body: ImportKeysBody) => call<ImportKeysResult>('POST', '/v1/keys/import', { body }),
    usage: (id: string, query: UsageQuery) => call<KeyUsage>('GET', `/v1/keys/${encodeURIComponent(id)}/usage`, { query }),
  },
  usage: {
    overview: (query: UsageQuery & { top?: number }) => call<UsageOverview>('GET', '/v1/usage', { query }),
  },
  audit: {
    list: (query: AuditQuery) => call<Page<AuditEvent>>('GET', '/v1/audit', { query }),
  },
};
