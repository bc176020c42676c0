import { createKeywardClient, KeywardError, type PortalScope } from '@keyward/sdk';

// The portal cookie is HttpOnly; the portal's own CSRF token (not the console's) lives here, in
// memory only, from GET /v1/portal/session.
let csrfToken: string | null = null;
let endedListener: (() => void) | undefined;
// The last session seen: the "ended" page still names the application to go back to.
let lastScope: PortalScope | undefined;

/** The SDK's fetch, watching answers: a 401 within a portal session means it ended (its TTL, or a sign-out). */
async function endWatchingFetch(request: Request): Promise<Response> {
  const response = await fetch(request);
  if (response.status === 401 && csrfToken !== null) {
    csrfToken = null;
    endedListener?.();
  }
  return response;
}

/**
 * Keyward's API as the self-service portal speaks it: the SDK's client with this browser's
 * portal cookie (same origin) and the portal's CSRF token on every write. The portal page reads
 * and writes only through it (queries/portal.ts); it never calls a console route.
 */
export const portalClient = createKeywardClient({
  baseUrl: window.location.origin,
  credentials: 'same-origin',
  csrfToken: () => csrfToken,
  fetch: endWatchingFetch,
});

/** Called when a call made within the portal session answers 401: the session has ended. */
export function onPortalEnded(listener: () => void): () => void {
  endedListener = listener;
  return () => {
    if (endedListener === listener) endedListener = undefined;
  };
}

const isUnauthenticated = (error: unknown) => error instanceof KeywardError && error.status === 401;

/** The portal session of this browser, or null without one (never opened, expired, signed out). */
export async function currentPortalScope(): Promise<PortalScope | null> {
  try {
    const scope = await portalClient.portal.session();
    csrfToken = scope.csrfToken;
    lastScope = scope;
    return scope;
  } catch (error) {
    if (isUnauthenticated(error)) return null;
    throw error;
  }
}

/** The session this page last had, if any (after it ended). */
export const lastPortalScope = (): PortalScope | undefined => lastScope;

/** Ends the portal session here and on the server. */
export async function endPortalSession(): Promise<void> {
  await portalClient.portal.logout();
  csrfToken = null;
}

/** Why the server refused a portal link: its problem code (PORTAL_LINK_USED…), or null if it opened after all. */
export type LinkRefusal = { code: string } | null;

/**
 * Asks the link's route again, as a program, why it refused the link (the server sends a
 * browser the portal page for a refused link; the refusal is final, so asking opens nothing).
 */
export async function portalLinkRefusal(link: string): Promise<LinkRefusal> {
  const { error, response } = await portalClient.api.GET('/portal/link/{link}', { params: { path: { link } }, parseAs: 'text' });
  if (response.ok) return null;
  const code = (error as { code?: unknown } | undefined)?.code;
  return { code: typeof code === 'string' ? code : 'NOT_FOUND' };
}
