import type { Page } from '@keyward/sdk';

declare module '@tanstack/react-query' {
  interface Register {
    /** `failure` titles the notification shown when the call is refused. */
    queryMeta: { failure?: string };
    /** `shownInForm`: the form says why beside its fields; no notification as well. */
    mutationMeta: { failure?: string; shownInForm?: boolean };
  }
}

/** The cache keys; a write invalidates the lists it changes. */
export const queryKeys = {
  me: ['me'] as const,
  setup: ['setup'] as const,
  projects: ['projects'] as const,
  users: ['users'] as const,
  groups: ['groups'] as const,
  keys: ['keys'] as const,
  audit: ['audit'] as const,
  usage: ['usage'] as const,
  webhooks: ['webhooks'] as const,
  identities: ['identities'] as const,
  /** The self-service portal's session, keys and usage. */
  portal: ['portal'] as const,
};

/**
 * Tags a page with the cursor it was fetched at: while the next page loads, the previous one
 * stays on screen (placeholder data), and its row numbers must stay those of that page.
 */
export type PageAt<T> = Page<T> & { cursor: string | undefined };
export const atCursor = (cursor: string | undefined) => <T>(page: Page<T>): PageAt<T> => ({ ...page, cursor });
