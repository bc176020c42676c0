import createClient from 'openapi-fetch';
import { KeywardConnectionError, KeywardError } from './keyward-error.ts';
import type { paths } from './generated/openapi.ts';
import { retryingFetch, type RequestFetch, type RetryOptions } from './retrying-fetch.ts';
import type * as T from './types.ts';
import { VerifyCache, type VerifyCacheOptions } from './verify-cache.ts';

export type KeywardClientOptions = {
  /** Where Keyward answers, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /**
   * A management key, sent as `Authorization: Bearer`: needed for the management routes, and for
   * verification when the server runs with `KEYWARD_VERIFY_AUTH=required`.
   */
  token?: string;
  /** Retries on network errors; see `RetryOptions` for the defaults. */
  retry?: RetryOptions;
  /** Remember `verify()` answers for a short time; off unless given. */
  verifyCache?: VerifyCacheOptions;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /**
   * Whether a browser sends Keyward's session cookie (`fetch`'s `credentials`): the default,
   * `same-origin`, suits a page served by Keyward itself; `include` one served from elsewhere.
   */
  credentials?: NonNullable<RequestInit['credentials']>;
  /**
   * A browser session's CSRF token (from `auth.login()` or `me()`), asked for before each write
   * and sent as `x-csrf-token`: a session's POST, PATCH and DELETE are refused (403 CSRF_FAILED)
   * without it. A function, since the token changes with each sign-in.
   */
  csrfToken?: () => string | null | undefined;
  /** The underlying fetch (default `globalThis.fetch`); tests and custom agents pass their own. */
  fetch?: RequestFetch;
};

type Result<Data> = { data?: Data; error?: unknown; response: Response };

// Reads: a session needs no CSRF token for them (see `csrfToken`).
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A typed client for Keyward's HTTP API. Methods answer the resource or throw: `KeywardError`
 * for an error answer (4xx/5xx problem), `KeywardConnectionError` when Keyward could not be
 * reached after the retries. `api` is the underlying `openapi-fetch` client, typed for every
 * route of the served OpenAPI document, for anything the methods do not cover.
 *
 * @example
 * const keyward = createKeywardClient({ baseUrl: 'http://127.0.0.1:8080', token: process.env.KEYWARD_TOKEN })
 * const { key, token } = await keyward.keys.create({ projectId, name: 'ingest worker' })
 * const result = await keyward.verify(token, { permissions: ['feedback.write'], ratelimits: [{ name: 'tokens', cost: 5 }] })
 */
export function createKeywardClient(options: KeywardClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const api = createClient<paths>({
    baseUrl,
    headers,
    fetch: retryingFetch(options.fetch ?? ((request) => globalThis.fetch(request)), options.retry),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  const csrfToken = options.csrfToken;
  if (csrfToken) {
    api.use({
      onRequest: ({ request }) => {
        const token = SAFE_METHODS.has(request.method) ? undefined : csrfToken();
        if (token) request.headers.set('x-csrf-token', token);
        return request;
      },
    });
  }
  const cache = options.verifyCache ? new VerifyCache(options.verifyCache) : undefined;

  async function unwrap<Data>(call: Promise<Result<Data>>): Promise<Exclude<Data, undefined>> {
    let result: Result<Data>;
    try {
      result = await call;
    } catch (error) {
      throw new KeywardConnectionError(baseUrl, error);
    }
    if (!result.response.ok) throw KeywardError.fromResponse(result.response, result.error);
    return result.data as Exclude<Data, undefined>;
  }

  const byId = (id: string) => ({ params: { path: { id } } });

  return {
    api,

    /**
     * Checks a token, as an API does on every call; answers `{valid, code, …}` (never throws for
     * a refused key), with the key's `identity` and, when a limit applied, `ratelimits`.
     * `ratelimits: [{name, cost}]` spends named limits beyond the automatic ones.
     */
    async verify(key: string, request: Omit<T.VerifyRequest, 'key'> = {}): Promise<T.VerifyResult> {
      const body = { ...request, key };
      const cached = cache?.get(body);
      if (cached) return cached;
      const result = await unwrap(api.POST('/v1/keys/verify', { body }));
      cache?.set(body, result);
      return result;
    },

    /** Forgets the remembered `verify()` answers (after disabling a key, for instance). */
    clearVerifyCache: () => cache?.clear(),

    /** Who the client's credential acts as, and what it may do. */
    me: () => unwrap(api.GET('/v1/auth/me')),

    /** A browser session: sign-in answers the CSRF token its writes need (see `csrfToken`). */
    auth: {
      /** Whether Keyward has no user yet, and how to create the first admin then. */
      setup: () => unwrap(api.GET('/v1/auth/setup')),
      login: (body: T.LoginRequest) => unwrap(api.POST('/v1/auth/login', { body })),
      logout: async (): Promise<void> => void (await unwrap(api.POST('/v1/auth/logout'))),
      /** A signed-in person changes their own password (the current one is asked); their other sessions end. */
      changePassword: async (body: T.PasswordChange): Promise<void> => void (await unwrap(api.POST('/v1/auth/password', { body }))),
      /** Signs out every other session of the signed-in person. */
      endOtherSessions: async (): Promise<void> => void (await unwrap(api.DELETE('/v1/auth/sessions/others'))),
    },

    keys: {
      list: (query: T.KeyListQuery = {}) => unwrap(api.GET('/v1/keys', { params: { query } })),
      /** Every key matching `query`, page after page. */
      all: (query: T.KeyListQuery = {}) => everyItem((cursor) => unwrap(api.GET('/v1/keys', { params: { query: { ...query, cursor } } }))),
      get: (id: string) => unwrap(api.GET('/v1/keys/{id}', byId(id))),
      /** Creates a key; the answer holds its token, which is never shown again. */
      create: (body: T.KeyCreate) => unwrap(api.POST('/v1/keys', { body })),
      update: (id: string, body: T.KeyUpdate) => unwrap(api.PATCH('/v1/keys/{id}', { ...byId(id), body })),
      enable: (id: string) => unwrap(api.PATCH('/v1/keys/{id}', { ...byId(id), body: { enabled: true } })),
      disable: (id: string) => unwrap(api.PATCH('/v1/keys/{id}', { ...byId(id), body: { enabled: false } })),
      /** A new token for the key; the old one keeps working for `graceSeconds` (default 0). */
      regenerate: (id: string, body: T.KeyRegenerate = {}) => unwrap(api.POST('/v1/keys/{id}/regenerate', { ...byId(id), body })),
      delete: async (id: string): Promise<void> => void (await unwrap(api.DELETE('/v1/keys/{id}', byId(id)))),
      /** Keys issued by another system, by the SHA-256 of their tokens: all of `body.keys` or none. */
      import: (body: T.KeyImport) => unwrap(api.POST('/v1/keys/import', { body })),
      /** One key's verifications over time, per outcome and tag. */
      usage: (id: string, query: T.KeyUsageQuery = {}) => unwrap(api.GET('/v1/keys/{id}/usage', { params: { path: { id }, query } })),
      /** One key's recent verifications, newest first: time, outcome, client address, tags. */
      verifications: (id: string, query: T.KeyVerificationListQuery = {}) => unwrap(api.GET('/v1/keys/{id}/verifications', { params: { path: { id }, query } })),
      /** The key a whole token belongs to, or null (also for a key you may not see). The token travels in the body. */
      findByToken: async (token: string) => (await unwrap(api.POST('/v1/keys/find', { body: { token } }))).key,
      /** Id and name of the projects holding keys you may see (needs keys.read, not projects.read). */
      projects: (query: T.ProjectListQuery = {}) => unwrap(api.GET('/v1/keys/projects', { params: { query } })),
    },

    usage: {
      /** Verifications of every key the caller sees, over time, with the busiest keys. */
      overview: (query: T.UsageOverviewQuery = {}) => unwrap(api.GET('/v1/usage', { params: { query } })),
    },

    /** Your customers: keys point at an identity and share its named limits, quota and meta. */
    identities: {
      /** `q` searches external ids. */
      list: (query: T.IdentityListQuery = {}) => unwrap(api.GET('/v1/identities', { params: { query } })),
      all: (query: T.IdentityListQuery = {}) => everyItem((cursor) => unwrap(api.GET('/v1/identities', { params: { query: { ...query, cursor } } }))),
      get: (id: string) => unwrap(api.GET('/v1/identities/{id}', byId(id))),
      /** `externalId` is your own id for the customer, unique (409 when taken). */
      create: (body: T.IdentityCreate) => unwrap(api.POST('/v1/identities', { body })),
      /** `ratelimits` replaces them all; `remaining` replaces the shared counter. */
      update: (id: string, body: T.IdentityUpdate) => unwrap(api.PATCH('/v1/identities/{id}', { ...byId(id), body })),
      /** `force` also deletes the identity's keys (else an identity with keys is refused with 409). */
      delete: async (id: string, options: { force?: boolean } = {}): Promise<void> =>
        void (await unwrap(api.DELETE('/v1/identities/{id}', { params: { path: { id }, query: options } }))),
    },

    portal: {
      /**
       * A single-use link to the self-service page where the customer `externalId` manages its
       * own keys of `projectId` (creating them within `groupIds`). Needs `portal.write`. Hand
       * `url` to the customer's browser at once: it works once, until `expiresAt`.
       */
      createSession: (body: T.PortalSessionCreate) => unwrap(api.POST('/v1/portal/sessions', { body })),
      /**
       * The customer's side, in the browser the link was opened in (its portal cookie, never a
       * management key): whose keys, in which project, the groups a new key may have, where to go
       * back to, and the CSRF token the writes below need (give it back through `csrfToken`).
       */
      session: () => unwrap(api.GET('/v1/portal/session')),
      /** Ends the portal session (its cookie then opens nothing). */
      logout: async (): Promise<void> => void (await unwrap(api.POST('/v1/portal/logout'))),
      /** The portal session's identity's keys in its project; any other key is 404. */
      keys: {
        list: (query: T.PortalKeyListQuery = {}) => unwrap(api.GET('/v1/portal/keys', { params: { query } })),
        /** `groupIds` among the session's groups; the answer holds the token, never shown again. */
        create: (body: T.PortalKeyCreate = {}) => unwrap(api.POST('/v1/portal/keys', { body })),
        /** Renames, deactivates (`enabled: false`) or re-activates a key. */
        update: (id: string, body: T.PortalKeyUpdate) => unwrap(api.PATCH('/v1/portal/keys/{id}', { ...byId(id), body })),
        delete: async (id: string): Promise<void> => void (await unwrap(api.DELETE('/v1/portal/keys/{id}', byId(id)))),
        /** A new token, shown once; the old one stops at once. */
        regenerate: (id: string) => unwrap(api.POST('/v1/portal/keys/{id}/regenerate', byId(id))),
        usage: (id: string, query: T.KeyUsageQuery = {}) => unwrap(api.GET('/v1/portal/keys/{id}/usage', { params: { path: { id }, query } })),
      },
    },

    projects: {
      list: (query: T.ProjectListQuery = {}) => unwrap(api.GET('/v1/projects', { params: { query } })),
      all: (query: T.ProjectListQuery = {}) => everyItem((cursor) => unwrap(api.GET('/v1/projects', { params: { query: { ...query, cursor } } }))),
      get: (id: string) => unwrap(api.GET('/v1/projects/{id}', byId(id))),
      create: (body: T.ProjectCreate) => unwrap(api.POST('/v1/projects', { body })),
      update: (id: string, body: T.ProjectUpdate) => unwrap(api.PATCH('/v1/projects/{id}', { ...byId(id), body })),
      /** `force` also deletes the project's keys (else a project with keys is refused with 409). */
      delete: async (id: string, options: { force?: boolean } = {}): Promise<void> =>
        void (await unwrap(api.DELETE('/v1/projects/{id}', { params: { path: { id }, query: options } }))),
    },

    users: {
      list: (query: T.UserListQuery = {}) => unwrap(api.GET('/v1/users', { params: { query } })),
      all: (query: T.UserListQuery = {}) => everyItem((cursor) => unwrap(api.GET('/v1/users', { params: { query: { ...query, cursor } } }))),
      get: (id: string) => unwrap(api.GET('/v1/users/{id}', byId(id))),
      create: (body: T.UserCreate) => unwrap(api.POST('/v1/users', { body })),
      update: (id: string, body: T.UserUpdate) => unwrap(api.PATCH('/v1/users/{id}', { ...byId(id), body })),
      /** `force` also deletes the keys the user owns (else a user with keys is refused with 409). */
      delete: async (id: string, options: { force?: boolean } = {}): Promise<void> =>
        void (await unwrap(api.DELETE('/v1/users/{id}', { params: { path: { id }, query: options } }))),
    },

    groups: {
      list: (query: T.GroupListQuery = {}) => unwrap(api.GET('/v1/groups', { params: { query } })),
      all: (query: T.GroupListQuery = {}) => everyItem((cursor) => unwrap(api.GET('/v1/groups', { params: { query: { ...query, cursor } } }))),
      get: (id: string) => unwrap(api.GET('/v1/groups/{id}', byId(id))),
      create: (body: T.GroupCreate) => unwrap(api.POST('/v1/groups', { body })),
      update: (id: string, body: T.GroupUpdate) => unwrap(api.PATCH('/v1/groups/{id}', { ...byId(id), body })),
      delete: async (id: string): Promise<void> => void (await unwrap(api.DELETE('/v1/groups/{id}', byId(id)))),
    },

    audit: {
      list: (query: T.AuditListQuery = {}) => unwrap(api.GET('/v1/audit', { params: { query } })),
    },

    webhooks: {
      list: (query: T.WebhookListQuery = {}) => unwrap(api.GET('/v1/webhooks', { params: { query } })),
      get: (id: string) => unwrap(api.GET('/v1/webhooks/{id}', byId(id))),
      /** Answers the webhook with its signing secret, shown this once. */
      create: (body: T.WebhookCreate) => unwrap(api.POST('/v1/webhooks', { body })),
      update: (id: string, body: T.WebhookUpdate) => unwrap(api.PATCH('/v1/webhooks/{id}', { ...byId(id), body })),
      delete: async (id: string): Promise<void> => void (await unwrap(api.DELETE('/v1/webhooks/{id}', byId(id)))),
      /** A new signing secret, shown this once; the old one stops at once. */
      rotateSecret: (id: string) => unwrap(api.POST('/v1/webhooks/{id}/rotate-secret', byId(id))),
      /** The delivery log, newest first, with every attempt. */
      deliveries: (id: string, query: T.WebhookDeliveryListQuery = {}) => unwrap(api.GET('/v1/webhooks/{id}/deliveries', { params: { path: { id }, query } })),
      /** Sends a test event now and answers the delivery. */
      test: (id: string) => unwrap(api.POST('/v1/webhooks/{id}/test', byId(id))),
    },
  };
}

/** The client `createKeywardClient` returns. */
export type KeywardClient = ReturnType<typeof createKeywardClient>;

/** Walks a list's cursor until the last page. */
async function* everyItem<Item>(page: (cursor: string | undefined) => Promise<T.Page<Item>>): AsyncGenerator<Item> {
  let cursor: string | undefined;
  do {
    const { items, nextCursor } = await page(cursor);
    yield* items;
    cursor = nextCursor ?? undefined;
  } while (cursor !== undefined);
}
