import { ProblemError } from '../domain/problem-error.ts';
import type { Page } from '../store/cursor.ts';
import type { KeyView } from '../store/key-views.ts';
import type { ProjectName } from '../store/projects.ts';
import type { Actor } from './actor.ts';
import type { ServiceContext } from './context.ts';
import { keyScopeOf } from './key-access.ts';
import { getKey } from './keys.ts';
import { findKeyByToken } from './verification.ts';

/**
 * The key a whole token stands for, if the actor may see it; null otherwise, whether no key
 * has that token or the actor may not see the one that has: the answer tells nothing about
 * keys the actor cannot see. Found the way verification finds keys (the token's keyed hash,
 * through the key cache); the token itself is neither stored nor logged.
 */
export async function findVisibleKeyByToken(ctx: ServiceContext, actor: Actor, token: string): Promise<KeyView | null> {
  const found = await findKeyByToken(ctx, token);
  // A regenerated key's old token is its key's only while its grace period lasts, as in
  // verification (the cache may still hold it a little longer).
  if (!found || (found.secretExpiresAt !== null && found.secretExpiresAt <= ctx.clock())) return null;
  try {
    return await getKey(ctx, actor, found.id);
  } catch (error) {
    // getKey answers 404 for a key the actor may not see, as for one that does not exist.
    if (error instanceof ProblemError && error.status === 404) return null;
    throw error;
  }
}

/**
 * The projects (id and name) of the keys the actor may see: what a member without
 * projects.read needs to read her keys' project names, and nothing of other projects.
 */
export async function projectsOfVisibleKeys(ctx: ServiceContext, actor: Actor, limit: number, cursor?: string): Promise<Page<ProjectName>> {
  return ctx.store.projects.listOfKeys(await keyScopeOf(ctx.store, actor), limit, cursor);
}
