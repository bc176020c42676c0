import { useState } from 'react';

/**
 * Previous/Next over the API's cursor pages. The cursors seen so far are kept so Previous
 * works; they start again whenever `resetKey` (the filters and page size) changes.
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: resetKey, cursors: [undefined] });
  // Other filters mean other pages: forget the cursors (React re-renders at once with this).
  if (state.key !== resetKey) setState({ key: resetKey, cursors: [undefined] });
  const cursors = state.key === resetKey ? state.cursors : [undefined];
  const pageIndex = cursors.length - 1;
  return {
    cursor: cursors[pageIndex],
    pageIndex,
    /** Which page a page fetched at `cursor` is (the one shown while the next one loads). */
    indexOf: (cursor: string | undefined) => Math.max(0, cursors.indexOf(cursor)),
    next: (nextCursor: string) => setState({ key: resetKey, cursors: [...cursors, nextCursor] }),
    previous: () => setState({ key: resetKey, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors }),
  };
}
