/** The dashboard's own paths (the server answers any of them with the app). */
export const PATHS = {
  signIn: '/sign-in',
  keys: '/settings/api-keys',
  usage: '/usage',
  users: '/users',
  groups: '/groups',
  projects: '/projects',
  audit: '/audit',
} as const;

/** What the router carries to the sign-in page: where to return to after. */
export type SignInState = { next?: string };
