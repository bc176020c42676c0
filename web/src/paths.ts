/** The dashboard's own paths (the server answers any of them with the app). */
export const PATHS = {
  signIn: '/sign-in',
  keys: '/settings/api-keys',
  usage: '/usage',
  users: '/users',
  groups: '/groups',
  projects: '/projects',
  audit: '/audit',
  webhooks: '/webhooks',
  identities: '/identities',
  account: '/account',
} as const;

/** A key's own page. */
export const keyPath = (id: string) => `${PATHS.keys}/${encodeURIComponent(id)}`;

/** A webhook's own page (its delivery log). */
export const webhookPath = (id: string) => `${PATHS.webhooks}/${encodeURIComponent(id)}`;

/** An identity's own page (its limits and keys). */
export const identityPath = (id: string) => `${PATHS.identities}/${encodeURIComponent(id)}`;

/** What the router carries to the sign-in page: where to return to after. */
export type SignInState = { next?: string };

/**
 * The self-service portal (a customer's own keys, opened by a portal link): a page of its own,
 * outside the console's sign-in gate. `/portal/link/…` is the link itself, whose page says why
 * the server refused it.
 */
export const PORTAL_PATHS = { home: '/portal', link: '/portal/link/:link' } as const;

/** Whether a path is the portal's (the app then loads the portal, and nothing of the console). */
export const isPortalPath = (pathname: string) => pathname === PORTAL_PATHS.home || pathname.startsWith(`${PORTAL_PATHS.home}/`);
