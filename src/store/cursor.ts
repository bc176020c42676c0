import { isId, type IdKind } from '../domain/ids.ts';
import { problems } from '../domain/problem-error.ts';

/** A page of results, as every list route answers. */
export type Page<T> = { items: T[]; nextCursor: string | null; total: number };

/** The opaque cursor for "after this row": the base64url of its id. */
export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

/** The id a cursor stands for; a cursor this server did not hand out is a 400. */
export function decodeCursor(kind: IdKind, cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!isId(kind, id)) {
    throw problems.validation('The cursor is not one this server handed out; start again without it.', [
      { path: '/cursor', message: 'unknown cursor' },
    ]);
  }
  return id;
}

/**
 * Turns `limit + 1` rows (newest first) into a page: the extra row only says there is more.
 */
export function toPage<Row extends { id: string }, T>(
  rows: Row[],
  limit: number,
  total: number,
  map: (row: Row) => T,
): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown.at(-1);
  return {
    items: shown.map(map),
    nextCursor: more && last ? encodeCursor(last.id) : null,
    total,
  };
}

/** Escapes LIKE wildcards so a search for `50%` finds that text. Used with `ESCAPE '\'`. */
export function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
