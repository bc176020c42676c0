import { createKeywardClient, KeywardError, type Me } from '@keyward/sdk';

// The session cookie is HttpOnly; the CSRF token that every write must carry lives here, in
// memory only, from sign-in or GET /v1/auth/me.
let csrfToken: string | null = null;
let sessionEndedListener: ((notice: string) => void) | undefined;

const ENDED = 'Your session has ended; sign in again.';

/**
 * The SDK's fetch, watching answers: a 401 to a call made within a session means the session
 * expired or was ended elsewhere, and the person goes back to sign-in with the server's words.
 */
async function sessionWatchingFetch(request: Request): Promise<Response> {
  const withinSession = csrfToken !== null;
  const response = await fetch(request);
  if (response.status === 401 && withinSession && csrfToken !== null) {
    csrfToken = null;
    const problem = (await response.clone().json().catch(() => ({}))) as { detail?: unknown };
    sessionEndedListener?.(typeof problem.detail === 'string' ? problem.detail : ENDED);
  }
  return response;
}

/**
 * Keyward's API through the SDK's typed client (`@keyward/sdk`), with this browser's session:
 * the cookie goes with every call (same origin), the CSRF token with every write. The dashboard
 * reads and writes only through it, wrapped in TanStack Query hooks (queries/*.ts).
 */
export const keyward = createKeywardClient({
  baseUrl: window.location.origin,
  credentials: 'same-origin',
  csrfToken: () => csrfToken,
  fetch: sessionWatchingFetch,
});

/** Called when a call made within a session answers 401: the session has ended. */
export function onSessionEnded(listener: (notice: string) => void): () => void {
  sessionEndedListener = listener;
  return () => {
    if (sessionEndedListener === listener) sessionEndedListener = undefined;
  };
}

/** Who is signed in, or null without a session; keeps the session's CSRF token for writes. */
export async function currentSession(): Promise<Me | null> {
  try {
    const me = await keyward.me();
    csrfToken = me.csrfToken;
    return me;
  } catch (error) {
    if (isUnauthenticated(error)) return null;
    throw error;
  }
}

/** Signs in; the CSRF token comes with the answer. */
export async function signIn(body: { username: string; password: string }): Promise<void> {
  csrfToken = (await keyward.auth.login(body)).csrfToken;
}

export async function signOut(): Promise<void> {
  await keyward.auth.logout();
  csrfToken = null;
}

/**
 * A 401: no session (any more). The sign-in page says so, or the sign-in form shows it beside
 * the fields; it is never a notification too.
 */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof KeywardError && error.status === 401;
}

/** Every item of a list, walking its pages (for selects and the CSV export). */
export async function collect<Item>(items: AsyncIterable<Item>): Promise<Item[]> {
  const all: Item[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** The most a list answers in one page: fewer calls for the selects and the export. */
export const MAX_LIMIT = 100;
