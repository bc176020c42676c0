import { problems } from '../domain/problem-error.ts';
import { DAY, VERIFICATIONS_KEPT } from '../runtime/usage/verification-log.ts';
import type { Actor } from './actor.ts';
import type { ServiceContext } from './context.ts';
import { getKey } from './keys.ts';

// Reading what VerificationLog (src/runtime/usage) records.

/** One verification as a key's page lists it. */
export type VerificationView = { at: string; outcome: string; clientAddress: string | null; tags: string[] };

/** Where a page starts: after the verification at `at`, the `index`th of row `seq`. */
type Position = [at: number, seq: number, index: number];

const encode = (position: Position) => Buffer.from(JSON.stringify(position)).toString('base64url');

function decode(cursor: string): Position {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((part) => Number.isSafeInteger(part) && part >= 0)) {
    throw problems.validation('The cursor is not one this server handed out; start again without it.', [{ path: '/cursor', message: 'unknown cursor' }]);
  }
  return parsed as Position;
}

/** Newest first: by time, then by row and place in the row (verifications of one millisecond). */
const newerFirst = (a: Position, b: Position) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2];

/**
 * A page of one key's recent verifications, newest first (the key must be visible to the actor):
 * at most its newest 1,000, of the last 7 days.
 */
export async function keyVerifications(ctx: ServiceContext, actor: Actor, keyId: string, query: { limit?: number; cursor?: string }) {
  await getKey(ctx, actor, keyId);
  const after = query.cursor ? decode(query.cursor) : undefined;
  // What was verified a moment ago is on the page too.
  await ctx.verifications.flushKey(keyId);
  const since = ctx.clock() - VERIFICATIONS_KEPT.days * DAY;
  const batches = await ctx.store.verifications.recentBatches(keyId, new Date(since).toISOString(), VERIFICATIONS_KEPT.perKey);
  const all = batches
    .flatMap(({ seq, entries }) => entries.map((entry, index) => ({ position: [entry[0], seq, index] as Position, entry })))
    .filter(({ position }) => position[0] >= since)
    .sort((a, b) => newerFirst(a.position, b.position))
    .slice(0, VERIFICATIONS_KEPT.perKey);
  const rest = after ? all.filter(({ position }) => newerFirst(after, position) < 0) : all;
  const limit = query.limit ?? 20;
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ entry: [at, outcome, clientAddress, tags] }): VerificationView => ({ at: new Date(at).toISOString(), outcome, clientAddress, tags: tags ?? [] })),
    nextCursor: rest.length > limit && last ? encode(last.position) : null,
    total: all.length,
  };
}
